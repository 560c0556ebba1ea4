package dev.ticketing.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ticketing.common.AfterRelease;
import dev.ticketing.payment.PaymentCompleted;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Frees slots: a paid user's at once (once nothing is left to pay), run-out admissions on
 * a short timer so slots are refilled even when nobody polls.
 */
@Component
class QueueMaintenance {

	private static final Logger log = LoggerFactory.getLogger(QueueMaintenance.class);

	private final QueueService queue;

	private final BookingHealth health;

	QueueMaintenance(QueueService queue, ObjectProvider<BookingHealth> health) {
		this.queue = queue;
		this.health = health.getIfAvailable();
	}

	@TransactionalEventListener
	void on(PaymentCompleted paid) {
		if (paid.holdsLeft() > 0) {
			// The user still has seats to pay for: keep the slot until the last one.
			return;
		}
		// Once the payment's connection is back in the pool: a slow Redis must not hold
		// it.
		AfterRelease.run(() -> {
			try {
				this.queue.release(paid.concertId(), paid.userId());
			}
			catch (RuntimeException ex) {
				// The payment has committed; the slot then frees when its admission runs
				// out.
				log.warn("Could not release the queue slot of a paid user: {}", ex.getMessage());
			}
		});
	}

	/**
	 * Adaptive admission: this instance's measurements of the booking path go to the
	 * lines, which move their limits. A lost report makes one interval count the other
	 * instances only.
	 */
	@Scheduled(fixedDelayString = "${concert.queue.adaptive.interval:5s}")
	void adapt() {
		if (this.health == null) {
			return;
		}
		try {
			this.queue.adapt(this.health);
		}
		catch (RuntimeException ex) {
			log.warn("Could not report the booking path's health: {}", ex.getMessage());
		}
	}

	@Scheduled(fixedDelayString = "${concert.queue.refill-interval:1s}")
	void refill() {
		try {
			this.queue.refill();
		}
		catch (RuntimeException ex) {
			log.warn("Queue refill failed, retrying next time: {}", ex.getMessage());
		}
	}

}
