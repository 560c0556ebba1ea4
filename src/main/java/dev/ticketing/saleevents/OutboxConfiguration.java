package dev.ticketing.saleevents;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

/**
 * Which events leave the service and where to: {@link SaleEvent}s only, to
 * {@code concert.events.topic}, keyed by reservation (or concert). Used when
 * {@code spring.modulith.events.externalization.enabled} (prod); the embedded mode has no
 * broker and keeps it off, so sale events are not stored at all there.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

	@Bean
	EventExternalizationConfiguration eventExternalizationConfiguration(OutboxProperties properties) {
		return EventExternalizationConfiguration.externalizing()
			.selectByType(SaleEvent.class)
			.route(SaleEvent.class, (event) -> RoutingTarget.forTarget(properties.topic()).andKey(event.key()))
			.build();
	}

	/**
	 * {@code concert_events_pending}: publications (sale events to the broker, mails) not
	 * yet completed. Rises while the broker or the SMTP server is away, falls as the
	 * retries get through; one that stays up is a listener failing for good.
	 */
	@Bean
	Gauge pendingPublications(MeterRegistry meters, DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		return Gauge.builder("concert.events.pending", () -> {
			Long pending = jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL",
					Long.class);
			return (pending != null) ? pending : 0;
		}).description("Event publications (sale events to the broker, mails) not yet completed").register(meters);
	}

}
