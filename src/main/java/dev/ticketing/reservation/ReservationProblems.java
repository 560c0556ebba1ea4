package dev.ticketing.reservation;

import dev.ticketing.common.ProblemException;

/**
 * Refusals of the reservation module.
 */
public final class ReservationProblems {

	private ReservationProblems() {
	}

	/** Unknown, or not the caller's: the two are not told apart. */
	public static ProblemException notFound(ReservationId id) {
		return ProblemException.notFound("RESERVATION_NOT_FOUND", "No reservation " + id + " of yours");
	}

	public static ProblemException holdExpired(ReservationId id) {
		return new ProblemException(410, "HOLD_EXPIRED", "Hold expired",
				"The hold of reservation " + id + " has expired; the seat may be taken by now");
	}

}
