package dev.ticketing.reservation;

import java.time.Instant;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;

/**
 * A released seat was handed to the first fan on its date's waiting list: it is held for
 * them by {@code reservationId} until {@code expiresAt}. Published inside the release's
 * transaction.
 */
public record SeatOffered(ReservationId reservationId, UserId userId, ConcertId concertId, ConcertDateId concertDateId,
		SeatId seatId, Instant expiresAt) {
}
