package dev.ticketing.concert;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.SaleStatus;

/**
 * What an organiser changes about a concert: each field that is not null, the optional
 * ones in {@code removed} taken away, and the sale's status if {@code status} is not
 * null.
 */
public record ConcertChanges(String title, String venue, ZoneId timeZone, Instant saleOpensAt, Integer maxActive,
		Double admitPerSecond, Integer ticketsPerFan, Boolean joinChallenge, SaleStatus status,
		Set<Removable> removed) {

	/** A field a concert may go without. */
	public enum Removable {

		/** Without it, the sale opens when the concert goes on sale. */
		SALE_OPENS_AT,
		/** Without it, the service's {@code concert.queue.max-active}. */
		MAX_ACTIVE,
		/** Without it, the service's {@code concert.queue.admit-per-second}. */
		ADMIT_PER_SECOND,
		/** Without it, a fan may have any number of tickets (live holds still capped). */
		TICKETS_PER_FAN

	}

	/** Longest title or venue, as the table holds. */
	static final int MAX_NAME = 200;

	/** The most users one concert may admit at once. */
	static final int MAX_ACTIVE = 100_000;

	/** The highest cap on tickets per fan an organiser may set. */
	static final int MAX_TICKETS_PER_FAN = 1_000;

	/** Changes that leave the join challenge as it is. */
	public ConcertChanges(String title, String venue, ZoneId timeZone, Instant saleOpensAt, Integer maxActive,
			Double admitPerSecond, Integer ticketsPerFan, SaleStatus status, Set<Removable> removed) {
		this(title, venue, timeZone, saleOpensAt, maxActive, admitPerSecond, ticketsPerFan, null, status, removed);
	}

	public ConcertChanges {
		title = (title != null) ? name(title, "title") : null;
		venue = (venue != null) ? name(venue, "venue") : null;
		checkQueue(maxActive, admitPerSecond);
		checkTicketsPerFan(ticketsPerFan);
		removed = Set.copyOf(removed);
	}

	/** Only a change of the sale's status. */
	public static ConcertChanges status(SaleStatus status) {
		return new ConcertChanges(null, null, null, null, null, null, null, status, Set.of());
	}

	/** The changes from the API's text fields. */
	public static ConcertChanges of(String title, String venue, String timeZone, Instant saleOpensAt, Integer maxActive,
			Double admitPerSecond, Integer ticketsPerFan, Boolean joinChallenge, String status,
			Set<Removable> removed) {
		return new ConcertChanges(title, venue, (timeZone != null) ? zone(timeZone) : null, saleOpensAt, maxActive,
				admitPerSecond, ticketsPerFan, joinChallenge, (status != null) ? status(status) : null,
				removed.isEmpty() ? Set.of() : EnumSet.copyOf(removed));
	}

	boolean changesDetails() {
		return this.title != null || this.venue != null || this.timeZone != null || this.saleOpensAt != null
				|| this.maxActive != null || this.admitPerSecond != null || this.ticketsPerFan != null
				|| this.joinChallenge != null || !this.removed.isEmpty();
	}

	static void checkTicketsPerFan(Integer ticketsPerFan) {
		if (ticketsPerFan != null && (ticketsPerFan < 1 || ticketsPerFan > MAX_TICKETS_PER_FAN)) {
			throw InvalidInput.of("INVALID_TICKETS_PER_FAN",
					"ticketsPerFan must be between 1 and " + MAX_TICKETS_PER_FAN + ", or null for no cap");
		}
	}

	static String name(String value, String field) {
		if (value == null || value.isBlank()) {
			throw InvalidInput.of("INVALID_CONCERT", field + " must not be empty");
		}
		String trimmed = value.strip();
		if (trimmed.length() > MAX_NAME) {
			throw InvalidInput.of("INVALID_CONCERT", field + " is longer than " + MAX_NAME + " characters");
		}
		return trimmed;
	}

	static ZoneId zone(String name) {
		if (name == null || name.isBlank()) {
			throw InvalidInput.of("INVALID_TIME_ZONE", "timeZone is required, e.g. Asia/Seoul");
		}
		try {
			return ZoneId.of(name);
		}
		catch (DateTimeException ex) {
			throw InvalidInput.of("INVALID_TIME_ZONE",
					"Unknown time zone " + name + "; use an IANA name such as " + "Asia/Seoul");
		}
	}

	static SaleStatus status(String name) {
		try {
			return SaleStatus.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("INVALID_STATUS", "status must be one of DRAFT, ON_SALE, PAUSED, CLOSED");
		}
	}

	static void checkQueue(Integer maxActive, Double admitPerSecond) {
		if (maxActive != null && (maxActive < 1 || maxActive > MAX_ACTIVE)) {
			throw InvalidInput.of("INVALID_QUEUE_SETTINGS", "queue.maxActive must be between 1 and " + MAX_ACTIVE);
		}
		if (admitPerSecond != null && (admitPerSecond.isNaN() || admitPerSecond < 0 || admitPerSecond > MAX_ACTIVE)) {
			throw InvalidInput.of("INVALID_QUEUE_SETTINGS",
					"queue.admitPerSecond must be between 0 (no limit) and " + MAX_ACTIVE);
		}
	}

}
