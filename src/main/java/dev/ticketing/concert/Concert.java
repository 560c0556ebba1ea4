package dev.ticketing.concert;

import java.time.Instant;
import java.time.ZoneId;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ConcertSale;
import dev.ticketing.common.SaleStatus;

/**
 * A concert and how it is sold.
 *
 * @param saleOpensAt when the sale opens, or null if it was open from the start
 * @param maxActive the concert's own waiting-room cap, or null for the global one
 * @param admitPerSecond the concert's own admission rate, or null for the global one
 * @param ticketsPerFan the most tickets one fan may hold and have paid for, all dates
 * together, or null for no such cap
 * @param joinChallenge whether joining its line needs a solved proof-of-work challenge
 */
public record Concert(ConcertId id, String title, String venue, ZoneId timeZone, Instant saleOpensAt, SaleStatus status,
		Integer maxActive, Double admitPerSecond, Integer ticketsPerFan, boolean joinChallenge) {

	/** A concert whose line asks for no challenge. */
	public Concert(ConcertId id, String title, String venue, ZoneId timeZone, Instant saleOpensAt, SaleStatus status,
			Integer maxActive, Double admitPerSecond, Integer ticketsPerFan) {
		this(id, title, venue, timeZone, saleOpensAt, status, maxActive, admitPerSecond, ticketsPerFan, false);
	}

	/** A concert without a cap on tickets per fan. */
	public Concert(ConcertId id, String title, String venue, ZoneId timeZone, Instant saleOpensAt, SaleStatus status,
			Integer maxActive, Double admitPerSecond) {
		this(id, title, venue, timeZone, saleOpensAt, status, maxActive, admitPerSecond, null);
	}

	ConcertSale sale() {
		return new ConcertSale((this.saleOpensAt != null) ? this.saleOpensAt : Instant.EPOCH, this.status,
				this.maxActive, this.admitPerSecond, this.ticketsPerFan, this.joinChallenge);
	}

}
