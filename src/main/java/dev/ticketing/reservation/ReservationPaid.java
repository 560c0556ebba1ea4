package dev.ticketing.reservation;

import dev.ticketing.concert.SeatId;

/**
 * A hold was paid for and its seat sold. Published inside the payment's transaction.
 */
public record ReservationPaid(ReservationId reservationId, SeatId seatId) {
}
