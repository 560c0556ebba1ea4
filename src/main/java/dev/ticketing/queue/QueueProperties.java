package dev.ticketing.queue;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the waiting queue ({@code concert.queue.*}).
 *
 * @param maxActive users admitted to the booking path at once, per concert
 * @param activeTtl how long an admission lasts at most
 * @param store {@code memory} (one process) or {@code redis} (shared by all instances)
 * @param keyPrefix prefix of every Redis key, so several deployments or test runs can
 * share one Redis
 * @param refillInterval how often freed and expired slots are refilled even when nobody
 * polls
 */
@ConfigurationProperties("concert.queue")
record QueueProperties(@DefaultValue("100") int maxActive, @DefaultValue("10m") Duration activeTtl,
		@DefaultValue("memory") String store, @DefaultValue("") String keyPrefix,
		@DefaultValue("1s") Duration refillInterval) {

	QueueProperties {
		if (maxActive < 1) {
			throw new IllegalArgumentException("concert.queue.max-active must be at least 1");
		}
		if (activeTtl.isNegative() || activeTtl.isZero()) {
			throw new IllegalArgumentException("concert.queue.active-ttl must be positive");
		}
	}

}
