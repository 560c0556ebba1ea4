package dev.ticketing.concert;

import java.time.Instant;

import dev.ticketing.common.ConcertId;

/**
 * A performance date with the number of its seats still free at the time of reading.
 */
public record ConcertDate(ConcertDateId id, ConcertId concertId, Instant startsAt, int totalSeats, int availableSeats) {
}
