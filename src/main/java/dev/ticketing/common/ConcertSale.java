package dev.ticketing.common;

import java.time.Instant;
import java.util.Objects;

/**
 * How a concert is sold, as the waiting queue and the holds need it: when the sale opens,
 * its status, the concert's own waiting-room settings where the organiser set them, and
 * its cap on tickets per fan.
 *
 * @param opensAt when the sale opens ({@link Instant#EPOCH} if it always was)
 * @param status the sale's status
 * @param maxActive users admitted at once, or null for the global
 * {@code concert.queue.max-active}
 * @param admitPerSecond most admissions per second, or null for the global
 * {@code concert.queue.admit-per-second}
 * @param ticketsPerFan the most tickets one fan may have of the concert, live holds and
 * paid ones of all its dates together, or null for no such cap
 * @param joinChallenge whether joining its line needs a solved proof-of-work challenge
 */
public record ConcertSale(Instant opensAt, SaleStatus status, Integer maxActive, Double admitPerSecond,
		Integer ticketsPerFan, boolean joinChallenge) {

	public ConcertSale {
		Objects.requireNonNull(opensAt, "opensAt");
		Objects.requireNonNull(status, "status");
	}

	/** A sale whose line asks for no challenge. */
	public ConcertSale(Instant opensAt, SaleStatus status, Integer maxActive, Double admitPerSecond,
			Integer ticketsPerFan) {
		this(opensAt, status, maxActive, admitPerSecond, ticketsPerFan, false);
	}

	/** A sale without a cap on tickets per fan. */
	public ConcertSale(Instant opensAt, SaleStatus status, Integer maxActive, Double admitPerSecond) {
		this(opensAt, status, maxActive, admitPerSecond, null);
	}

	/** A sale open since {@code opensAt} with the global waiting-room settings. */
	public static ConcertSale onSale(Instant opensAt) {
		return new ConcertSale(opensAt, SaleStatus.ON_SALE, null, null, null);
	}

}
