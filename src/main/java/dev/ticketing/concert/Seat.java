package dev.ticketing.concert;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;

/**
 * A seat as the catalogue knows it: where it is and what it costs. Its status lives in
 * the inventory, never in this object.
 */
public record Seat(SeatId id, ConcertId concertId, ConcertDateId concertDateId, int number, Points price) {

	public boolean belongsTo(ConcertId concert, ConcertDateId date) {
		return this.concertId.equals(concert) && this.concertDateId.equals(date);
	}

}
