package dev.ticketing.challenge;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How costly joining a line is where the organiser asks for a proof-of-work.
 *
 * @param hmacKey the key challenges are signed with ({@code CONCERT_CHALLENGE_HMAC_KEY}):
 * the same on every instance, at least 32 characters; required with a shared Redis, drawn
 * at random at start-up otherwise
 * @param maxNumber the cost while the line is calm: the solver tries on average half as
 * many hashes
 * @param highestMaxNumber the cost never rises above this
 * @param expires how long a challenge may be solved and used
 * @param busyJoinsPerSecond joins of one concert in one second above which the cost rises
 * in proportion, for the next second's challenges
 */
@ConfigurationProperties("concert.challenge")
record ChallengeProperties(@DefaultValue("") String hmacKey, @DefaultValue("100000") long maxNumber,
		@DefaultValue("2000000") long highestMaxNumber, @DefaultValue("5m") Duration expires,
		@DefaultValue("50") int busyJoinsPerSecond) {

	ChallengeProperties {
		if (maxNumber < 1_000) {
			throw new IllegalArgumentException("concert.challenge.max-number must be at least 1000");
		}
		if (highestMaxNumber < maxNumber) {
			throw new IllegalArgumentException(
					"concert.challenge.highest-max-number must be at least concert.challenge.max-number");
		}
		if (expires.isNegative() || expires.isZero() || expires.compareTo(Duration.ofHours(1)) > 0) {
			throw new IllegalArgumentException("concert.challenge.expires must be positive and at most 1h");
		}
		if (busyJoinsPerSecond < 1) {
			throw new IllegalArgumentException("concert.challenge.busy-joins-per-second must be at least 1");
		}
	}

	/**
	 * The cost of a challenge issued after a second with {@code joins} joins: the calm
	 * cost, times how many times over the threshold the line ran.
	 */
	long cost(long joins) {
		if (joins <= this.busyJoinsPerSecond) {
			return this.maxNumber;
		}
		double times = (double) joins / this.busyJoinsPerSecond;
		return (long) Math.min(this.highestMaxNumber, Math.ceil(this.maxNumber * times));
	}

}
