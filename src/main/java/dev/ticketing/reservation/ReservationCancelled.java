package dev.ticketing.reservation;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.SeatId;

/**
 * A holder gave the seat up before paying; it is free again.
 */
public record ReservationCancelled(ReservationId reservationId, SeatId seatId, ConcertId concertId, UserId userId) {
}
