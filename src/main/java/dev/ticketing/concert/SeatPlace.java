package dev.ticketing.concert;

import java.time.Instant;
import java.time.ZoneId;

/**
 * Where a seat is and what it is for: its place in the hall, its date's start and the
 * concert's title and time zone, as a ticket shows them. {@code section}, {@code row} and
 * {@code label} are null for seats created before seat maps.
 */
public record SeatPlace(SeatId seatId, int seatNumber, String section, String row, String label,
		ConcertDateId concertDateId, Instant startsAt, String concertTitle, ZoneId timeZone) {
}
