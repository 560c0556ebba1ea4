package dev.ticketing.saleevents;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.modulith.events.CompletedEventPublications;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * The outbox's upkeep, through Spring Modulith's own API: failed publications are
 * resubmitted every {@code concert.events.retry-interval} (Modulith marks one failed when
 * its listener throws or its send fails, and its staleness monitor marks those stuck in
 * flight failed, such as an instance's that died after commit); completed ones are purged
 * once older than {@code concert.events.keep-completed}. Every instance may run both:
 * Modulith takes a failed publication for resubmission with a conditional update, so only
 * one instance resubmits it.
 */
@Component
class OutboxUpkeep implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(OutboxUpkeep.class);

	private final FailedEventPublications failed;

	private final CompletedEventPublications completed;

	private final OutboxProperties properties;

	OutboxUpkeep(FailedEventPublications failed, CompletedEventPublications completed, OutboxProperties properties) {
		this.failed = failed;
		this.completed = completed;
		this.properties = properties;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		Duration retry = this.properties.retryInterval();
		tasks.addFixedDelayTask(new FixedDelayTask(this::retry, retry, retry));
		Duration purge = this.properties.purgeInterval();
		tasks.addFixedDelayTask(new FixedDelayTask(this::purge, purge, purge));
	}

	void retry() {
		try {
			this.failed.resubmit(ResubmissionOptions.defaults()
				.withBatchSize(this.properties.retryBatch())
				.withMaxInFlight(this.properties.retryBatch()));
		}
		catch (RuntimeException ex) {
			log.warn("Resubmitting failed event publications failed, retrying next time: {}", ex.getMessage());
		}
	}

	void purge() {
		try {
			this.completed.deletePublicationsOlderThan(this.properties.keepCompleted());
		}
		catch (RuntimeException ex) {
			log.warn("Purging completed event publications failed, retrying next time: {}", ex.getMessage());
		}
	}

}
