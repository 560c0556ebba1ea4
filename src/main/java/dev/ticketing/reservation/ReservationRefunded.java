package dev.ticketing.reservation;

import dev.ticketing.concert.SeatId;

/**
 * A paid reservation was refunded; its seat is on sale again.
 */
public record ReservationRefunded(ReservationId reservationId, SeatId seatId) {
}
