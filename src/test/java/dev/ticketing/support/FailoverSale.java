package dev.ticketing.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.point.PointService;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sale during which a store fails: fans join, hold their own seats one after another
 * and pay, each on a thread of their own, while the test kills something; what they were
 * answered is counted across their threads. A seat refused for any reason but the store
 * is passed over; a 503 is retried after a pause.
 */
public final class FailoverSale {

	private final Api api;

	private final ConcertId concert;

	private final ConcertDateId date;

	private final List<UserId> fans;

	private final List<Long> seats;

	/** How many answers each status got. */
	public final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

	/** 5xx answers without a Retry-After header. */
	public final AtomicInteger withoutRetryAfter = new AtomicInteger();

	/** When the test killed the store ({@link System#nanoTime()}). */
	public final AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);

	/** When the last 5xx was answered ({@link System#nanoTime()}). */
	public final AtomicLong lastFailure = new AtomicLong(Long.MIN_VALUE);

	public final AtomicInteger joins = new AtomicInteger();

	public final AtomicInteger holds = new AtomicInteger();

	/** The reservations whose payment was answered 200. */
	public final Set<String> paid = ConcurrentHashMap.newKeySet();

	public final AtomicInteger joinedAfterRecovery = new AtomicInteger();

	public final AtomicInteger heldAfterRecovery = new AtomicInteger();

	public final AtomicInteger paidAfterRecovery = new AtomicInteger();

	private FailoverSale(Api api, ConcertId concert, ConcertDateId date, List<UserId> fans, List<Long> seats) {
		this.api = api;
		this.concert = concert;
		this.date = date;
		this.fans = fans;
		this.seats = seats;
	}

	/**
	 * The service's arguments for a failover sale, then {@code more}: a line that admits
	 * every fan at once, no rechecks between Redis and PostgreSQL, no per-address limits
	 * (every fan calls from the test's address), and only errors logged.
	 */
	public static String[] serviceArguments(String... more) {
		return Stream.concat(Stream.of("--concert.queue.max-active=1000", "--concert.queue.admission-recheck=0",
				"--concert.reservation.claim-recheck=0", "--concert.limits.enabled=false",
				"--logging.level.dev.ticketing=ERROR"), Stream.of(more))
			.toArray(String[]::new);
	}

	/**
	 * A sale of a new concert of 3,000 seats at 1 point on {@code service}, to 12 fans
	 * with 10,000 points each, through its public API.
	 */
	public static FailoverSale of(ConfigurableApplicationContext service) {
		return of(service, 3000, 12);
	}

	/**
	 * A sale of a new concert of {@code seats} seats at 1 point on {@code service}, to
	 * {@code fans} fans with 10,000 points each, through its public API.
	 */
	public static FailoverSale of(ConfigurableApplicationContext service, int seats, int fans) {
		ConcertService concerts = service.getBean(ConcertService.class);
		PointService points = service.getBean(PointService.class);
		ConcertId concert = concerts.addConcert("Failover", "Hall", List.of(Instant.now().plus(Duration.ofDays(7))),
				seats, Points.of(1));
		ConcertDateId date = concerts.dates(concert).getFirst().id();
		return new FailoverSale(Instances.api(service), concert, date,
				IntStream.range(0, fans).mapToObj((i) -> points.register(Points.of(10_000))).toList(),
				concerts.availableSeats(concert, date).stream().map((s) -> s.id().value()).toList());
	}

	/** The concert on sale. */
	public ConcertId concert() {
		return this.concert;
	}

	/**
	 * Runs the sale for 5 s, then {@code kill}, then 20 s more.
	 */
	public void run(Runnable kill) throws Exception {
		run(Duration.ofSeconds(5), Duration.ofSeconds(20), kill);
	}

	/**
	 * Runs the sale: fan {@code i} buys the seats {@code s} with {@code s % fans == i}
	 * until {@code afterKill} after the kill; {@code kill} runs on the calling thread
	 * once {@code beforeKill} has passed.
	 */
	public void run(Duration beforeKill, Duration afterKill, Runnable kill) throws Exception {
		List<UserId> fans = this.fans;
		List<Long> seats = this.seats;
		long killAt = System.nanoTime() + beforeKill.toNanos();
		long endAt = killAt + afterKill.toNanos();
		try (ExecutorService threads = Executors.newFixedThreadPool(fans.size())) {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < fans.size(); i++) {
				int index = i;
				List<Long> own = IntStream.range(0, seats.size())
					.filter((s) -> s % fans.size() == index)
					.mapToObj(seats::get)
					.toList();
				running.add(threads.submit(() -> buy(fans.get(index), own, endAt)));
			}
			TimeUnit.NANOSECONDS.sleep(killAt - System.nanoTime());
			this.killedAt.set(System.nanoTime());
			kill.run();
			for (Future<?> fan : running) {
				fan.get(afterKill.toSeconds() + 30, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * No answer was a 5xx but 503, every 503 said when to retry, and the last came less
	 * than {@code recovery} after the kill.
	 */
	public void assertOnlyRetryable503sEndingWithin(Duration recovery) {
		assertThat(this.statuses).as("no 500, nor any 5xx but 503").allSatisfy((status, count) -> {
			assertThat(status < 500 || status == 503).as("status %d", status).isTrue();
		});
		assertThat(this.withoutRetryAfter.get()).as("every 503 says when to retry").isZero();
		assertThat(this.lastFailure.get() - this.killedAt.get()).as("503s end within %s of the kill", recovery)
			.isLessThan(recovery.toNanos());
	}

	/** Seconds from the kill to the last 5xx. */
	public double secondsOfFailures() {
		return (this.lastFailure.get() - this.killedAt.get()) / 1e9;
	}

	@Override
	public String toString() {
		return "answers by status " + new java.util.TreeMap<>(this.statuses)
				+ String.format("; last 5xx %.1f s after the kill; joins %d, holds %d, payments %d",
						secondsOfFailures(), this.joins.get(), this.holds.get(), this.paid.size());
	}

	private void buy(UserId fan, List<Long> seats, long endAt) {
		int next = 0;
		while (System.nanoTime() < endAt && next < seats.size()) {
			long asked = System.nanoTime();
			ResponseEntity<JsonNode> joined = answer(
					this.api.post("/api/v1/queue/concerts/" + this.concert + "/users/" + fan, null, null));
			if (!joined.getStatusCode().is2xxSuccessful()) {
				pause();
				continue;
			}
			this.joins.incrementAndGet();
			if (afterRecovery(asked)) {
				this.joinedAfterRecovery.incrementAndGet();
			}
			String token = joined.getBody().get("tokenId").asString();
			asked = System.nanoTime();
			ResponseEntity<JsonNode> held = answer(this.api.post("/api/v1/reservations/seats/" + seats.get(next), token,
					Map.of("concertId", this.concert.toString(), "concertDateId", this.date.value())));
			if (held.getStatusCode().value() == 503) {
				pause();
				continue;
			}
			next++;
			if (!held.getStatusCode().is2xxSuccessful()) {
				continue;
			}
			this.holds.incrementAndGet();
			if (afterRecovery(asked)) {
				this.heldAfterRecovery.incrementAndGet();
			}
			String reservation = held.getBody().get("reservationId").asString();
			for (int tries = 0; tries < 50 && System.nanoTime() < endAt + Duration.ofSeconds(20).toNanos(); tries++) {
				asked = System.nanoTime();
				int paid = answer(this.api.post("/api/v1/payments/" + reservation, token, null)).getStatusCode()
					.value();
				if (paid != 503) {
					if (paid / 100 == 2) {
						this.paid.add(reservation);
						if (afterRecovery(asked)) {
							this.paidAfterRecovery.incrementAndGet();
						}
					}
					break;
				}
				pause();
			}
		}
	}

	private boolean afterRecovery(long asked) {
		return asked > this.lastFailure.get() && asked > this.killedAt.get();
	}

	private ResponseEntity<JsonNode> answer(ResponseEntity<JsonNode> response) {
		int status = response.getStatusCode().value();
		this.statuses.merge(status, 1, Integer::sum);
		if (status >= 500) {
			this.lastFailure.accumulateAndGet(System.nanoTime(), Math::max);
			if (response.getHeaders().getFirst("Retry-After") == null) {
				this.withoutRetryAfter.incrementAndGet();
			}
		}
		return response;
	}

	private static void pause() {
		// Pacing of a fan who was told to retry, not a wait for a condition.
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
