package dev.ticketing.reservation;

import java.util.Objects;

import dev.ticketing.common.ConcertId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;

/**
 * The command to hold one seat of one concert date.
 */
public record HoldSeat(ConcertId concertId, ConcertDateId concertDateId, SeatId seatId) {

	public HoldSeat {
		Objects.requireNonNull(concertId, "concertId");
		Objects.requireNonNull(concertDateId, "concertDateId");
		Objects.requireNonNull(seatId, "seatId");
	}

}
