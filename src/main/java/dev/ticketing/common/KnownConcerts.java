package dev.ticketing.common;

/**
 * Tells whether a concert exists; lets the queue refuse tokens for unknown concerts
 * without depending on the catalogue.
 */
public interface KnownConcerts {

	boolean exists(ConcertId concert);

}
