package dev.ticketing.reservation;

import java.util.Objects;
import java.util.UUID;

import dev.ticketing.common.InvalidInput;

public record ReservationId(UUID value) {

	public ReservationId {
		Objects.requireNonNull(value, "reservation id");
	}

	public static ReservationId random() {
		return new ReservationId(UUID.randomUUID());
	}

	public static ReservationId of(String text) {
		if (text == null || text.length() != 36) {
			throw InvalidInput.of("INVALID_ID", "reservationId must be a UUID");
		}
		try {
			return new ReservationId(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("INVALID_ID", "reservationId must be a UUID");
		}
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
