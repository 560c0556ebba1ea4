package dev.ticketing.queue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the waiting queue ({@code concert.queue.*}); application.yml names each
 * with its default and why.
 *
 * @param maxActive users admitted to the booking path at once, per concert
 * @param activeTtl longest an admission lasts, however busy its user
 * @param idleTimeout an admitted user who makes no booking call for this long loses the
 * slot
 * @param waitingGrace a waiting user who stops polling for this long drops out of line
 * @param admitPerSecond most admissions per second and concert; 0 for no limit
 * @param store {@code memory} (one process) or {@code redis} (shared by all instances)
 * @param keyPrefix prefix of every Redis key
 * @param refillInterval how often freed slots are refilled and gone users swept when
 * nobody polls
 * @param sweepBatch waiting users checked per concert and refill for dropping out
 * @param streamTimeout how long a status stream stays open
 * @param streamHeartbeat how often an unchanged stream sends a heartbeat
 */
@ConfigurationProperties("concert.queue")
record QueueProperties(@DefaultValue("100") int maxActive, @DefaultValue("10m") Duration activeTtl,
		@DefaultValue("2m") Duration idleTimeout, @DefaultValue("5m") Duration waitingGrace,
		@DefaultValue("0") double admitPerSecond, @DefaultValue("memory") String store,
		@DefaultValue("") String keyPrefix, @DefaultValue("1s") Duration refillInterval,
		@DefaultValue("5000") int sweepBatch, @DefaultValue("30m") Duration streamTimeout,
		@DefaultValue("15s") Duration streamHeartbeat) {

	QueueProperties {
		if (maxActive < 1) {
			throw new IllegalArgumentException("concert.queue.max-active must be at least 1");
		}
		for (Duration d : new Duration[] { activeTtl, idleTimeout, waitingGrace }) {
			if (d.isNegative() || d.isZero()) {
				throw new IllegalArgumentException("concert.queue durations must be positive");
			}
		}
		if (admitPerSecond < 0) {
			throw new IllegalArgumentException("concert.queue.admit-per-second must not be negative");
		}
	}

	/** Settings for tests and the embedded defaults. */
	static QueueProperties of(int maxActive, Duration activeTtl, Duration idleTimeout, Duration waitingGrace,
			double admitPerSecond) {
		return new QueueProperties(maxActive, activeTtl, idleTimeout, waitingGrace, admitPerSecond, "memory", "",
				Duration.ofSeconds(1), 5000, Duration.ofMinutes(30), Duration.ofSeconds(15));
	}

}
