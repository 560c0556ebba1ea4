package dev.ticketing.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes answers past their retention now and then. Every instance may run it: the
 * statement is idempotent, and an answer past its retention is ignored before it goes.
 */
@Component
class IdempotencyPurge {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

	private final IdempotentRequests requests;

	IdempotencyPurge(IdempotentRequests requests) {
		this.requests = requests;
	}

	@Scheduled(fixedDelayString = "${concert.idempotency.purge-interval:10m}",
			initialDelayString = "${concert.idempotency.purge-interval:10m}")
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
