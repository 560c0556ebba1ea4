package dev.ticketing.concert;

/**
 * The seats of a date were laid out anew: their ids, places and prices are new.
 */
record SeatMapChanged(ConcertDateId concertDateId) {
}
