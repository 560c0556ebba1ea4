package dev.ticketing.concert;

/**
 * Seats of a date were held, sold or given back: what is free there, and what its seat
 * map shows, has changed.
 */
public record SeatAvailabilityChanged(ConcertDateId concertDateId) {
}
