package dev.ticketing.concert;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.SaleStatus;

/**
 * Refusals of the organiser's and the fans' calls about how a concert is sold.
 */
final class SaleProblems {

	private SaleProblems() {
	}

	static ProblemException illegalTransition(ConcertId concert, SaleStatus from, SaleStatus to) {
		return ProblemException.conflict("ILLEGAL_TRANSITION", "Concert " + concert + " cannot go from " + from + " to "
				+ to + "; a sale goes DRAFT → ON_SALE → PAUSED ↔ ON_SALE → CLOSED");
	}

	static ProblemException seatMapInUse(ConcertDateId date) {
		return ProblemException.conflict("SEAT_MAP_IN_USE", "Seats of date " + date.value()
				+ " are held or sold; its seat map and prices can change only while none is");
	}

	static ProblemException saleClosed(ConcertId concert, SaleStatus status) {
		return ProblemException.conflict("SALE_CLOSED",
				"Concert " + concert + " takes no holds: its sale is " + status);
	}

	static InvalidInput opensInThePast() {
		return InvalidInput.of("SALE_OPENS_IN_PAST", "saleOpensAt of a new concert must not be in the past");
	}

	static InvalidInput startsAtRequired() {
		return InvalidInput.of("INVALID_DATE", "startsAt is required");
	}

}
