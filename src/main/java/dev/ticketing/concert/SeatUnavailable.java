package dev.ticketing.concert;

import dev.ticketing.common.ProblemException;

/**
 * The seat is held by someone else or sold.
 */
public final class SeatUnavailable extends ProblemException {

	private SeatUnavailable(String detail) {
		super(409, "SEAT_UNAVAILABLE", "Seat unavailable", detail);
	}

	public static SeatUnavailable forSeat(SeatId seat) {
		return new SeatUnavailable("Seat " + seat.value() + " is held or sold");
	}

}
