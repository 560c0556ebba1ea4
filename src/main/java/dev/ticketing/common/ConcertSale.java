package dev.ticketing.common;

import java.time.Instant;
import java.util.Objects;

/**
 * How a concert is sold, as the waiting queue needs it: when the sale opens, its status,
 * and the concert's own waiting-room settings where the organiser set them.
 *
 * @param opensAt when the sale opens ({@link Instant#EPOCH} if it always was)
 * @param status the sale's status
 * @param maxActive users admitted at once, or null for the global
 * {@code concert.queue.max-active}
 * @param admitPerSecond most admissions per second, or null for the global
 * {@code concert.queue.admit-per-second}
 */
public record ConcertSale(Instant opensAt, SaleStatus status, Integer maxActive, Double admitPerSecond) {

	public ConcertSale {
		Objects.requireNonNull(opensAt, "opensAt");
		Objects.requireNonNull(status, "status");
	}

	/** A sale open since {@code opensAt} with the global waiting-room settings. */
	public static ConcertSale onSale(Instant opensAt) {
		return new ConcertSale(opensAt, SaleStatus.ON_SALE, null, null);
	}

}
