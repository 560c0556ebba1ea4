package dev.ticketing.saleevents;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topic the Kafka topic sale events go to
 * @param retryInterval how often failed publications (a send the broker did not
 * acknowledge, a mail the SMTP server refused, or one Modulith's staleness monitor found
 * stuck) are resubmitted
 * @param retryBatch most failed publications resubmitted at once
 * @param keepCompleted how long completed publications stay in the registry (for a look
 * at what was sent) before they are purged
 * @param purgeInterval how often completed publications older than that are purged
 */
@ConfigurationProperties("concert.events")
record OutboxProperties(@DefaultValue("concert.sale-events") String topic, @DefaultValue("5s") Duration retryInterval,
		@DefaultValue("500") int retryBatch, @DefaultValue("15m") Duration keepCompleted,
		@DefaultValue("1m") Duration purgeInterval) {

	OutboxProperties {
		if (topic == null || !topic.matches("[A-Za-z0-9._-]{1,249}")) {
			throw new IllegalArgumentException("concert.events.topic must be a Kafka topic name");
		}
		requirePositive(retryInterval, "retry-interval");
		requirePositive(keepCompleted, "keep-completed");
		requirePositive(purgeInterval, "purge-interval");
		if (retryBatch < 1) {
			throw new IllegalArgumentException("concert.events.retry-batch must be at least 1");
		}
	}

	private static void requirePositive(Duration duration, String name) {
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("concert.events." + name + " must be positive");
		}
	}

}
