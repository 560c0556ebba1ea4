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

	/**
	 * The user already has {@code max} live holds on the concert: pay for or cancel one,
	 * or let one run out, first.
	 */
	public static ProblemException holdLimit(int max) {
		return ProblemException.conflict("HOLD_LIMIT", "You already hold " + max
				+ " seats of this concert, the most one user may hold at once;" + " pay for or cancel one first");
	}

	/**
	 * The fan already has {@code max} tickets of the concert, live holds and paid ones of
	 * all its dates together: the organiser's cap on tickets per fan.
	 */
	public static ProblemException ticketLimit(int max) {
		return ProblemException.conflict("TICKET_LIMIT", "This concert allows " + max
				+ " tickets per fan, held and paid together across all its dates, and you have them all");
	}

	/**
	 * The reservation's ticket was given to another fan: its buyer refunds it no more
	 * (nor does the new holder, whose money it is not); an organiser still may.
	 */
	public static ProblemException ticketTransferred(ReservationId id) {
		return ProblemException.conflict("TICKET_TRANSFERRED", "The ticket of reservation " + id
				+ " was given to another fan: neither of you can refund it; an organiser still can");
	}

	public static ProblemException selfRefundClosed(ReservationId id, String why) {
		return ProblemException.conflict("SELF_REFUND_CLOSED", "Reservation " + id + " cannot be refunded by its "
				+ "holder now: " + why + "; an organiser still can");
	}

	public static ProblemException holdExpired(ReservationId id) {
		return new ProblemException(410, "HOLD_EXPIRED", "Hold expired",
				"The hold of reservation " + id + " has expired; the seat may be taken by now");
	}

	/**
	 * A hold of {@code asked} seats at once would take the user past {@code max} live
	 * holds on the concert.
	 */
	public static ProblemException holdLimit(int max, int held, int asked) {
		return ProblemException.conflict("HOLD_LIMIT", "You hold " + held + " seats of this concert and asked for "
				+ asked + " more; one user may hold at most " + max + " at once");
	}

	/**
	 * A hold of {@code asked} seats at once would take the fan past the organiser's cap
	 * of {@code max} tickets per fan.
	 */
	public static ProblemException ticketLimit(int max, int tickets, int asked) {
		return ProblemException.conflict("TICKET_LIMIT", "This concert allows " + max + " tickets per fan, held and "
				+ "paid together across all its dates; you have " + tickets + " and asked for " + asked + " more");
	}

	/**
	 * No {@code asked} seats side by side are free where the fan asked for them: sold out
	 * for a party of that size. The seats are never split up without the fan's say;
	 * {@code free} single seats may be left, which the fan may pick one by one.
	 */
	public static ProblemException soldOut(String scope, int asked, int free) {
		return ProblemException.conflict("SOLD_OUT",
				(free == 0) ? "No seat of the " + scope + " is free"
						: "No " + asked + " seats side by side are free in the " + scope + " (" + free
								+ " apart from each other may be); ask for fewer, or pick seats one by one");
	}

	/**
	 * Every block of seats picked for the fan was taken by others before it could be
	 * held, as many times as the service tries: the seats are going fast.
	 */
	public static ProblemException seatsContended(String scope, int attempts) {
		return ProblemException.conflict("SEATS_CONTENDED", "Other fans took each of the " + attempts
				+ " blocks of seats picked for you in the " + scope + " first; try again");
	}

}
