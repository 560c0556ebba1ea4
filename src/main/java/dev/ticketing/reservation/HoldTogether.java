package dev.ticketing.reservation;

import java.util.Objects;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.Points;
import dev.ticketing.concert.ConcertDateId;

/**
 * The command to hold {@code count} seats side by side of one concert date, picked by the
 * service: in the section named {@code section}, or among the seats that cost
 * {@code price} (a price band), exactly one of the two.
 */
public record HoldTogether(ConcertId concertId, ConcertDateId concertDateId, int count, String section, Points price) {

	public HoldTogether {
		Objects.requireNonNull(concertId, "concertId");
		Objects.requireNonNull(concertDateId, "concertDateId");
		if (count < 1) {
			throw InvalidInput.of("INVALID_COUNT", "count must be at least 1, not " + count);
		}
		if ((section == null) == (price == null)) {
			throw InvalidInput.of("MALFORMED_BODY", "name either a section or a price band, not both or neither");
		}
		section = (section != null) ? section.strip() : null;
	}

	/** What the seats are picked among, as a fan would say it. */
	String scope() {
		return (this.section != null) ? "section " + this.section : "price band " + this.price.value();
	}

}
