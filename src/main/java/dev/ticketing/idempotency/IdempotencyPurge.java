package dev.ticketing.idempotency;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes answers past their retention now and then. Every instance may run it: the
 * statement is idempotent, and an answer past its retention is ignored before it goes.
 * Every {@code concert.idempotency.purge-interval}, first one interval after start-up.
 */
@Component
class IdempotencyPurge implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

	private final IdempotentRequests requests;

	private final Duration interval;

	IdempotencyPurge(IdempotentRequests requests, IdempotencyProperties properties) {
		this.requests = requests;
		this.interval = properties.purgeInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(new FixedDelayTask(this::purge, this.interval, this.interval));
	}

	void purge() {
		try {
			int purged = this.requests.purgeExpired();
			if (purged > 0) {
				log.debug("Purged {} idempotency keys past their retention", purged);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Idempotency key purge failed, retrying next time: {}", ex.getMessage());
		}
	}

}
