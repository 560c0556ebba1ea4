package dev.ticketing.reservation;

import dev.ticketing.common.ConcertId;
import dev.ticketing.concert.SeatId;

/**
 * A hold was refused, for {@code reason}, the refusal's problem code: {@code
 * SEAT_UNAVAILABLE} when someone else holds the seat or it is sold (the contention the
 * flash crowd makes), {@code HOLD_LIMIT} when the user already holds as many seats of the
 * concert as one user may; for seats side by side asked for together, {@code SOLD_OUT} or
 * {@code SEATS_CONTENDED} as well, and {@code seatId} null, as no one seat was asked for.
 */
public record HoldRefused(ConcertId concertId, SeatId seatId, String reason) {
}
