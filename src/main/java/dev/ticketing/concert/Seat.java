package dev.ticketing.concert;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;

/**
 * A seat as the catalogue knows it: where it is and what it costs. Its status lives in
 * the inventory, never in this object. {@code section}, {@code row} and {@code label}
 * place it in the hall (null for seats created before seat maps).
 */
public record Seat(SeatId id, ConcertId concertId, ConcertDateId concertDateId, int number, Points price,
		String section, String row, String label) {

	public Seat(SeatId id, ConcertId concertId, ConcertDateId concertDateId, int number, Points price) {
		this(id, concertId, concertDateId, number, price, null, null, null);
	}

	public boolean belongsTo(ConcertId concert, ConcertDateId date) {
		return this.concertId.equals(concert) && this.concertDateId.equals(date);
	}

}
