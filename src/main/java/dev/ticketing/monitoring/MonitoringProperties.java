package dev.ticketing.monitoring;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the metrics this module reads itself ({@code concert.monitoring.*}).
 *
 * @param queueInterval how often the queue gauges are read from the queue (Redis in prod)
 */
@ConfigurationProperties("concert.monitoring")
record MonitoringProperties(@DefaultValue("5s") Duration queueInterval) {

	MonitoringProperties {
		if (queueInterval.isNegative() || queueInterval.isZero()) {
			throw new IllegalArgumentException(
					"concert.monitoring.queue-interval must be positive, not " + queueInterval);
		}
	}

}
