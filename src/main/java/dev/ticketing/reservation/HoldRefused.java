package dev.ticketing.reservation;

import dev.ticketing.common.ConcertId;
import dev.ticketing.concert.SeatId;

/**
 * A hold was refused because someone else holds the seat or it is sold: the contention
 * the flash crowd makes.
 */
public record HoldRefused(ConcertId concertId, SeatId seatId) {
}
