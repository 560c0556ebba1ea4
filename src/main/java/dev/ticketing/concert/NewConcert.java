package dev.ticketing.concert;

import java.time.Instant;
import java.time.ZoneId;

import dev.ticketing.common.InvalidInput;

/**
 * A concert to create, as a draft: what it is, where, in which time zone, when its sale
 * opens (null: as soon as it goes on sale) and its own waiting-room settings (null: the
 * global ones). Checks everything that can be checked without the clock.
 */
public record NewConcert(String title, String venue, ZoneId timeZone, Instant saleOpensAt, Integer maxActive,
		Double admitPerSecond) {

	public NewConcert {
		title = ConcertChanges.name(title, "title");
		venue = ConcertChanges.name(venue, "venue");
		if (timeZone == null) {
			throw InvalidInput.of("INVALID_TIME_ZONE", "timeZone is required, e.g. Asia/Seoul");
		}
		ConcertChanges.checkQueue(maxActive, admitPerSecond);
	}

	/**
	 * The concert from the API's text fields: a time zone as its IANA name.
	 */
	public static NewConcert of(String title, String venue, String timeZone, Instant saleOpensAt, Integer maxActive,
			Double admitPerSecond) {
		return new NewConcert(title, venue, ConcertChanges.zone(timeZone), saleOpensAt, maxActive, admitPerSecond);
	}

}
