package dev.ticketing.common;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a concert; also the unit the waiting queue is kept per.
 */
public record ConcertId(UUID value) {

	public ConcertId {
		Objects.requireNonNull(value, "concert id");
	}

	public static ConcertId of(String text) {
		return new ConcertId(Ids.uuid(text, "concertId"));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
