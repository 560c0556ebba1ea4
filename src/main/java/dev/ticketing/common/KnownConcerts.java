package dev.ticketing.common;

import java.time.Instant;
import java.util.Optional;

/**
 * Tells whether a concert exists and how it is sold; lets the queue refuse tokens for
 * unknown concerts, hold a pre-queue before the opening and use the concert's own
 * waiting-room settings without depending on the catalogue. The answers may be up to
 * {@code concert.cache.sale-ttl} old on every instance.
 */
public interface KnownConcerts {

	/**
	 * @return when the concert's sale opens ({@link Instant#EPOCH} if it always was), or
	 * empty for an unknown concert or one fans cannot see yet (a draft)
	 */
	Optional<Instant> saleOpensAt(ConcertId concert);

	/**
	 * @return the concert's sale, or empty for an unknown concert (a draft is returned,
	 * with its status)
	 */
	default Optional<ConcertSale> sale(ConcertId concert) {
		return saleOpensAt(concert).map(ConcertSale::onSale);
	}

}
