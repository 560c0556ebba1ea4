package dev.ticketing.reservation;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Tidies expired holds now and then. Every instance may run it: each statement is
 * idempotent. Every {@code concert.reservation.sweep-interval}, first one interval after
 * start-up.
 */
@Component
class HoldSweeper implements SchedulingConfigurer {

	private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);

	private final ReservationService reservations;

	private final Duration interval;

	HoldSweeper(ReservationService reservations, ReservationProperties properties) {
		this.reservations = reservations;
		this.interval = properties.sweepInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar tasks) {
		tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, this.interval, this.interval));
	}

	void sweep() {
		try {
			int expired = this.reservations.expireHolds();
			if (expired > 0) {
				log.debug("Expired {} holds", expired);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Hold sweep failed, retrying next time: {}", ex.getMessage());
		}
	}

}
