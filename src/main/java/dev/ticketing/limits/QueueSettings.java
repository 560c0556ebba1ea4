package dev.ticketing.limits;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The queue's settings this module reads ({@code concert.queue.*}). The stream cap sits
 * with the queue's settings because a status stream is the queue's; this module counts
 * the streams in front of the queue's controller.
 *
 * @param maxStreamsPerToken most status streams one queue token keeps open on one
 * instance; 0 for no limit
 * @param streamHeartbeat how often an unchanged stream is written to: a stream whose
 * client went away is noticed, and stops counting, by its next write
 * @param store {@code memory}: limits in this process; {@code redis}: shared by every
 * instance
 */
@ConfigurationProperties("concert.queue")
record QueueSettings(@DefaultValue("2") int maxStreamsPerToken, @DefaultValue("15s") Duration streamHeartbeat,
		@DefaultValue("memory") String store) {

	QueueSettings {
		if (maxStreamsPerToken < 0) {
			throw new IllegalArgumentException("concert.queue.max-streams-per-token must not be negative");
		}
	}

}
