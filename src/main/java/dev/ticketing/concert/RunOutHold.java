package dev.ticketing.concert;

import java.util.Objects;
import java.util.UUID;

/**
 * A seat whose hold ran out on a date that keeps released seats for its waiting list.
 *
 * @param reservation the run-out hold's reservation, whose seat it still is
 */
public record RunOutHold(SeatId seat, ConcertDateId date, UUID reservation) {

	public RunOutHold {
		Objects.requireNonNull(seat, "seat");
		Objects.requireNonNull(date, "date");
		Objects.requireNonNull(reservation, "reservation");
	}

}
