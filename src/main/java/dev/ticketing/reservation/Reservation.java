package dev.ticketing.reservation;

import java.time.Instant;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;

/**
 * A user's hold on a seat, and after payment the user's booking of it.
 */
public record Reservation(ReservationId id, UserId userId, ConcertId concertId, ConcertDateId concertDateId,
		SeatId seatId, Points price, ReservationStatus status, Instant heldAt, Instant expiresAt) {

	public boolean isOwnedBy(UserId user) {
		return this.userId.equals(user);
	}

}
