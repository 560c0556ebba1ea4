package dev.ticketing.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BookingHealthTests {

	private final BookingHealth health = new BookingHealth(new SimpleMeterRegistry());

	private final ConcertId concert = new ConcertId(UUID.randomUUID());

	@Test
	void anIntervalReportsItsCallsFailuresAndP95ThenTheNextStartsEmpty() {
		for (int ms = 1; ms <= 100; ms++) {
			this.health.record(this.concert, Duration.ofMillis(ms).toNanos(), ms % 25 == 0);
		}

		Health report = this.health.drain().get(this.concert);

		assertThat(report.calls()).isEqualTo(100);
		assertThat(report.errors()).isEqualTo(4);
		assertThat(report.p95Millis()).isCloseTo(95, within(1.0));
		assertThat(this.health.drain()).as("nothing since the last drain").isEmpty();
	}

	@Test
	void eachConcertHasItsOwnReport() {
		ConcertId other = new ConcertId(UUID.randomUUID());
		this.health.record(this.concert, Duration.ofMillis(5).toNanos(), false);
		this.health.record(other, Duration.ofMillis(500).toNanos(), true);

		Map<ConcertId, Health> reports = this.health.drain();

		assertThat(reports.get(this.concert).p95Millis()).isCloseTo(5, within(0.1));
		assertThat(reports.get(this.concert).errors()).isZero();
		assertThat(reports.get(other).p95Millis()).isCloseTo(500, within(5.0));
		assertThat(reports.get(other).errors()).isEqualTo(1);
	}

	@Test
	void aCallSlowerThanTheLongestTrackedCountsAsTheLongest() {
		this.health.record(this.concert, Duration.ofHours(2).toNanos(), false);

		assertThat(this.health.drain().get(this.concert).p95Millis()).isCloseTo(BookingHealth.LONGEST_MICROS / 1e3,
				within(BookingHealth.LONGEST_MICROS / 1e3 * 0.01));
	}

	@Test
	void callsRecordedFromManyThreadsWhileDrainsRunAreEachCountedOnce() throws Exception {
		int threads = 8;
		int perThread = 20_000;
		long counted = 0;
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<?>> done = IntStream.range(0, threads).<Future<?>>mapToObj((t) -> pool.submit(() -> {
				for (int i = 0; i < perThread; i++) {
					this.health.record(this.concert, 1_000_000, false);
				}
			})).toList();
			while (!done.stream().allMatch(Future::isDone)) {
				counted += calls(this.health.drain());
			}
			for (Future<?> thread : done) {
				thread.get();
			}
		}
		counted += calls(this.health.drain());

		assertThat(counted).isEqualTo((long) threads * perThread);
	}

	private long calls(Map<ConcertId, Health> reports) {
		Health report = reports.get(this.concert);
		return (report != null) ? report.calls() : 0;
	}

}
