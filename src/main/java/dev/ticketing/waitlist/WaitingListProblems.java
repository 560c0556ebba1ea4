package dev.ticketing.waitlist;

import dev.ticketing.common.ProblemException;
import dev.ticketing.concert.ConcertDateId;

/** Refusals of the waiting lists, each with a stable code; none changes anything. */
final class WaitingListProblems {

	private WaitingListProblems() {
	}

	/** Seats of the date are free: hold one instead of waiting. */
	static ProblemException notSoldOut(ConcertDateId date) {
		return ProblemException.conflict("NOT_SOLD_OUT",
				"Date " + date.value() + " still has free seats: hold one instead of joining its waiting list");
	}

	/** The fan has a place on the date's list already. */
	static ProblemException alreadyWaiting(ConcertDateId date) {
		return ProblemException.conflict("ALREADY_WAITING",
				"You are on the waiting list of date " + date.value() + " already; one place per fan");
	}

	/**
	 * The fan has no place on the date's list (never joined, left, or was offered a
	 * seat).
	 */
	static ProblemException notWaiting(ConcertDateId date) {
		return ProblemException.notFound("NOT_WAITING", "You are not waiting for date " + date.value());
	}

}
