package dev.ticketing.concert;

/**
 * Identifies one performance date of a concert.
 */
public record ConcertDateId(long value) {

	public ConcertDateId {
		if (value <= 0) {
			throw dev.ticketing.common.InvalidInput.of("INVALID_ID", "concertDateId must be a positive number");
		}
	}

}
