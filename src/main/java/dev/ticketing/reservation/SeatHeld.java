package dev.ticketing.reservation;

import java.time.Instant;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.SeatId;

/**
 * A seat was held. Published inside the hold's transaction; listeners that act after
 * commit see it only if it committed.
 */
public record SeatHeld(ReservationId reservationId, ConcertId concertId, SeatId seatId, Instant expiresAt,
		UserId userId) {
}
