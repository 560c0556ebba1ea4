package dev.ticketing.common;

import java.time.Instant;
import java.util.Optional;

/**
 * Tells whether a concert exists and when its sale opens; lets the queue refuse tokens
 * for unknown concerts and hold a pre-queue before the opening without depending on the
 * catalogue.
 */
public interface KnownConcerts {

	/**
	 * @return when the concert's sale opens ({@link Instant#EPOCH} if it always was), or
	 * empty for an unknown concert
	 */
	Optional<Instant> saleOpensAt(ConcertId concert);

}
