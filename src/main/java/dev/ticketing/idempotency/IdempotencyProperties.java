package dev.ticketing.idempotency;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param retention how long a key's answer is replayed; after it, the key is new again
 * @param purgeInterval how often answers past their retention are deleted
 */
@ConfigurationProperties("concert.idempotency")
record IdempotencyProperties(@DefaultValue("24h") Duration retention, @DefaultValue("10m") Duration purgeInterval) {

	public IdempotencyProperties {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("concert.idempotency.retention must be positive");
		}
		if (purgeInterval.isNegative() || purgeInterval.isZero()) {
			throw new IllegalArgumentException("concert.idempotency.purge-interval must be positive");
		}
	}

}
