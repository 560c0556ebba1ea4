package dev.ticketing.reservation;

import dev.ticketing.common.ConcertId;
import dev.ticketing.concert.SeatId;

/**
 * A hold was refused, for {@code reason}, the refusal's problem code: {@code
 * SEAT_UNAVAILABLE} when someone else holds the seat or it is sold (the contention the
 * flash crowd makes), {@code HOLD_LIMIT} when the user already holds as many seats of the
 * concert as one user may.
 */
public record HoldRefused(ConcertId concertId, SeatId seatId, String reason) {
}
