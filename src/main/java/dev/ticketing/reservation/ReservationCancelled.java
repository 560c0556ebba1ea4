package dev.ticketing.reservation;

import dev.ticketing.concert.SeatId;

/**
 * A holder gave the seat up before paying; it is free again.
 */
public record ReservationCancelled(ReservationId reservationId, SeatId seatId) {
}
