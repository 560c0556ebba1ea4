package dev.ticketing.concert;

import java.time.Instant;
import java.time.ZoneId;

import dev.ticketing.common.InvalidInput;

/**
 * A concert to create, as a draft: what it is, where, in which time zone, when its sale
 * opens (null: as soon as it goes on sale), its own waiting-room settings (null: the
 * global ones) and the most tickets one fan may have of it (null: no cap). Checks
 * everything that can be checked without the clock.
 */
public record NewConcert(String title, String venue, ZoneId timeZone, Instant saleOpensAt, Integer maxActive,
		Double admitPerSecond, Integer ticketsPerFan) {

	public NewConcert {
		title = ConcertChanges.name(title, "title");
		venue = ConcertChanges.name(venue, "venue");
		if (timeZone == null) {
			throw InvalidInput.of("INVALID_TIME_ZONE", "timeZone is required, e.g. Asia/Seoul");
		}
		ConcertChanges.checkQueue(maxActive, admitPerSecond);
		ConcertChanges.checkTicketsPerFan(ticketsPerFan);
	}

	/** A concert without a cap on tickets per fan. */
	public NewConcert(String title, String venue, ZoneId timeZone, Instant saleOpensAt, Integer maxActive,
			Double admitPerSecond) {
		this(title, venue, timeZone, saleOpensAt, maxActive, admitPerSecond, null);
	}

	/**
	 * The concert from the API's text fields: a time zone as its IANA name.
	 */
	public static NewConcert of(String title, String venue, String timeZone, Instant saleOpensAt, Integer maxActive,
			Double admitPerSecond, Integer ticketsPerFan) {
		return new NewConcert(title, venue, ConcertChanges.zone(timeZone), saleOpensAt, maxActive, admitPerSecond,
				ticketsPerFan);
	}

}
