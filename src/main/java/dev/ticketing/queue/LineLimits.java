package dev.ticketing.queue;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ConcertSale;
import dev.ticketing.common.KnownConcerts;

/**
 * How many users a concert's line admits at once and how fast: the concert's own
 * waiting-room settings where its organiser set them, the global {@code concert.queue.*}
 * ones otherwise; none at all while its sale does not admit (paused or closed), when the
 * line keeps its places and those admitted keep their slots.
 *
 * @param maxActive users admitted at once; 0 admits nobody new
 * @param admitPerSecond most admissions per second; 0 for no limit
 */
record LineLimits(int maxActive, double admitPerSecond) {

	LineLimits {
		if (maxActive < 0 || admitPerSecond < 0) {
			throw new IllegalArgumentException("line limits must not be negative");
		}
	}

	static LineLimits of(QueueProperties settings) {
		return new LineLimits(settings.maxActive(), settings.admitPerSecond());
	}

	static LineLimits of(ConcertSale sale, QueueProperties settings) {
		if (!sale.status().admits()) {
			return new LineLimits(0, settings.admitPerSecond());
		}
		return new LineLimits((sale.maxActive() != null) ? sale.maxActive() : settings.maxActive(),
				(sale.admitPerSecond() != null) ? sale.admitPerSecond() : settings.admitPerSecond());
	}

	/** Each concert's limits, as the store asks for them with every operation. */
	interface Source {

		LineLimits of(ConcertId concert);

		/** The global settings for every concert. */
		static Source global(QueueProperties settings) {
			LineLimits limits = LineLimits.of(settings);
			return (concert) -> limits;
		}

		/**
		 * Each concert's own settings, as {@link KnownConcerts} tells them (up to
		 * {@code concert.cache.sale-ttl} old); an unknown concert gets the global ones.
		 */
		static Source perConcert(KnownConcerts concerts, QueueProperties settings) {
			LineLimits global = LineLimits.of(settings);
			return (concert) -> concerts.sale(concert).map((sale) -> LineLimits.of(sale, settings)).orElse(global);
		}

	}

}
