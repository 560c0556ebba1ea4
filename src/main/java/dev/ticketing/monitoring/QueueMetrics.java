package dev.ticketing.monitoring;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.ticketing.common.ConcertId;
import dev.ticketing.concert.Concert;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.queue.QueueService;
import dev.ticketing.queue.QueueSize;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Each concert's line as gauges: {@code concert.queue.waiting},
 * {@code concert.queue.active}, {@code concert.queue.limit} (how many may be admitted at
 * once: {@code max-active}, or the adaptive limit), the counter
 * {@code concert.queue.admissions} (its rate is admissions per second) and
 * {@code concert.queue.activation.wait}, the time from entering the line to admission
 * (its sum over its count is the mean wait). Read from the queue on a timer rather than
 * at every scrape, so a scrape never waits on Redis. The queue is shared: every instance
 * reports the same values, so dashboards take the {@code max} over instances, not the
 * sum. Read at start-up, then every {@code concert.monitoring.queue-interval}.
 */
@Component
@EnableConfigurationProperties(MonitoringProperties.class)
class QueueMetrics implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(QueueMetrics.class);

	private final Map<ConcertId, AtomicReference<QueueSize>> lines = new ConcurrentHashMap<>();

	private final ConcertService concerts;

	private final QueueService queue;

	private final MeterRegistry registry;

	private final Duration interval;

	QueueMetrics(ConcertService concerts, QueueService queue, MeterRegistry registry, MonitoringProperties properties) {
		this.concerts = concerts;
		this.queue = queue;
		this.registry = registry;
		this.interval = properties.queueInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(new FixedDelayTask(this::refresh, this.interval, Duration.ZERO));
	}

	void refresh() {
		try {
			for (Concert concert : this.concerts.concerts()) {
				line(concert.id()).set(this.queue.size(concert.id()));
			}
		}
		catch (RuntimeException ex) {
			// The gauges keep their last values; readiness reports the store that failed.
			log.warn("Could not read the queue sizes: {}", ex.getMessage());
		}
	}

	private AtomicReference<QueueSize> line(ConcertId concert) {
		return this.lines.computeIfAbsent(concert, (id) -> {
			AtomicReference<QueueSize> size = new AtomicReference<>(QueueSize.empty(0));
			String tag = id.toString();
			Gauge.builder("concert.queue.waiting", size, (s) -> s.get().waiting())
				.description("Users waiting in the concert's line")
				.tag("concert", tag)
				.register(this.registry);
			Gauge.builder("concert.queue.active", size, (s) -> s.get().active())
				.description("Users admitted to the booking path")
				.tag("concert", tag)
				.register(this.registry);
			Gauge.builder("concert.queue.limit", size, (s) -> s.get().limit())
				.description("Users who may be admitted at once: max-active, or the adaptive limit")
				.tag("concert", tag)
				.register(this.registry);
			FunctionCounter.builder("concert.queue.admissions", size, (s) -> s.get().admissions())
				.description("Users admitted from the line since it began")
				.tag("concert", tag)
				.register(this.registry);
			FunctionTimer
				.builder("concert.queue.activation.wait", size, (s) -> s.get().waited(), (s) -> s.get().waitedMillis(),
						TimeUnit.MILLISECONDS)
				.description("Time from entering the line to admission, of the users admitted")
				.tag("concert", tag)
				.register(this.registry);
			return size;
		});
	}

}
