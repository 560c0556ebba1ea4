package dev.ticketing.limits;

import java.time.Duration;
import java.util.Locale;

import io.github.bucket4j.Bandwidth;

import org.springframework.boot.convert.DurationStyle;

/**
 * At most {@code requests} requests per {@code per}: a token bucket holding
 * {@code requests} tokens (the burst) that refills at {@code requests / per}, smoothly.
 * Written {@code 40/2s} in the settings; {@code off} (or {@code 0}) for no limit.
 */
record Rate(long requests, Duration per) {

	static final Rate OFF = new Rate(0, Duration.ofSeconds(1));

	Rate {
		if (requests < 0) {
			throw new IllegalArgumentException("A rate limit cannot allow fewer than 0 requests");
		}
		if (per == null || per.isNegative() || per.isZero()) {
			throw new IllegalArgumentException("A rate limit's period must be positive");
		}
	}

	/** Reads {@code 40/2s}, {@code 600/1m}, {@code off} or {@code 0}. */
	static Rate of(String text) {
		String value = text.strip().toLowerCase(Locale.ROOT);
		if (value.equals("off") || value.equals("0")) {
			return OFF;
		}
		int slash = value.indexOf('/');
		if (slash <= 0) {
			throw new IllegalArgumentException("A rate limit is written requests/period, e.g. 40/2s, or off: " + text);
		}
		return new Rate(Long.parseLong(value.substring(0, slash).strip()),
				DurationStyle.SIMPLE.parse(value.substring(slash + 1).strip()));
	}

	boolean isOff() {
		return this.requests == 0;
	}

	/**
	 * The first {@code share} of this rate, rounded down, leaving at least one request to
	 * the rest; {@link #OFF} when that is less than one request.
	 */
	Rate part(double share) {
		long part = Math.min((long) (this.requests * share), this.requests - 1);
		return (part < 1) ? OFF : new Rate(part, this.per);
	}

	/** What is left of this rate without {@code part} (a {@link #part} of it). */
	Rate without(Rate part) {
		return part.isOff() ? this : new Rate(this.requests - part.requests, this.per);
	}

	/** How long an untouched bucket takes to fill up from empty. */
	Duration refillTime() {
		return this.per;
	}

	Bandwidth bandwidth() {
		return Bandwidth.builder().capacity(this.requests).refillGreedy(this.requests, this.per).build();
	}

	@Override
	public String toString() {
		return isOff() ? "off" : this.requests + "/" + this.per;
	}

}
