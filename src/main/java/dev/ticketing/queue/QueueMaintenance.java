package dev.ticketing.queue;

import java.time.Duration;

import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ticketing.common.AfterCommit;
import dev.ticketing.common.AfterRelease;
import dev.ticketing.payment.PaymentCompleted;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Frees slots: a paid user's at once (once nothing is left to pay), run-out admissions on
 * a short timer so slots are refilled even when nobody polls. Both timers start with the
 * service: refill every {@code concert.queue.refill-interval}, the reading of busy lines'
 * progress every {@code concert.queue.progress-interval}, and with adaptive admission the
 * report of the booking path's health every {@code concert.queue.adaptive.interval}.
 */
@Component
class QueueMaintenance implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(QueueMaintenance.class);

	private final QueueService queue;

	private final QueueProperties properties;

	private final BookingHealth health;

	/** Reads the busy lines' progress ({@link QueueService#followLines}). */
	private final ThreadPoolTaskScheduler progress = new ThreadPoolTaskScheduler();

	QueueMaintenance(QueueService queue, QueueProperties properties, ObjectProvider<BookingHealth> health) {
		this.queue = queue;
		this.properties = properties;
		this.health = health.getIfAvailable();
		this.progress.setThreadNamePrefix("queue-progress-");
	}

	@PreDestroy
	void stop() {
		this.progress.shutdown();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(new FixedDelayTask(this::refill, this.properties.refillInterval(), Duration.ZERO));
		// On a platform thread of its own: fixed-delay tasks take turns on one thread,
		// and
		// a virtual thread waits behind every request's under load; either ages every
		// reading past its max age and sends every poll to Redis. Never throws: a failed
		// read keeps the presence for the next.
		this.progress.initialize();
		this.progress.scheduleAtFixedRate(this.queue::followLines, this.properties.progressInterval());
		if (this.health != null) {
			tasks.addFixedDelayTask(
					new FixedDelayTask(this::adapt, this.properties.adaptive().interval(), Duration.ZERO));
		}
	}

	@AfterCommit
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
	void adapt() {
		try {
			this.queue.adapt(this.health);
		}
		catch (RuntimeException ex) {
			log.warn("Could not report the booking path's health: {}", ex.getMessage());
		}
	}

	void refill() {
		try {
			this.queue.refill();
		}
		catch (RuntimeException ex) {
			log.warn("Queue refill failed, retrying next time: {}", ex.getMessage());
		}
	}

}
