package dev.ticketing.concert;

/**
 * Seats of a date were held, sold or given back: what is free there has changed.
 */
public record SeatAvailabilityChanged(ConcertDateId concertDateId) {
}
