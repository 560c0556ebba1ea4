package dev.ticketing.reservation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tidies expired holds now and then. Every instance may run it: each statement is
 * idempotent.
 */
@Component
class HoldSweeper {

	private static final Logger log = LoggerFactory.getLogger(HoldSweeper.class);

	private final ReservationService reservations;

	HoldSweeper(ReservationService reservations) {
		this.reservations = reservations;
	}

	@Scheduled(fixedDelayString = "${concert.reservation.sweep-interval:30s}",
			initialDelayString = "${concert.reservation.sweep-interval:30s}")
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
