package dev.ticketing.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, so that holds and admissions expire without waiting for
 * them. Safe to read from any number of threads while the test moves it.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
		this.now = now;
		this.zone = zone;
	}

	/**
	 * A clock standing at the current time, truncated to milliseconds as PostgreSQL's
	 * timestamps hold only microseconds.
	 */
	public static MutableClock startingNow() {
		return at(Instant.now().truncatedTo(ChronoUnit.MILLIS));
	}

	public static MutableClock at(Instant instant) {
		return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
	}

	public void set(Instant instant) {
		this.now.set(Objects.requireNonNull(instant, "instant"));
	}

	/**
	 * Moves the clock on by {@code duration} and returns the new time.
	 */
	public Instant advance(Duration duration) {
		return this.now.updateAndGet((current) -> current.plus(duration));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		// Shares the time, so a zoned view still moves with this clock.
		return new MutableClock(this.now, zone);
	}

}
