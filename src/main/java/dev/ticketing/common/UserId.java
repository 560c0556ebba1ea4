package dev.ticketing.common;

import java.util.Objects;
import java.util.UUID;

/**
 * Identifies a user (and so the user's wallet).
 */
public record UserId(UUID value) {

	public UserId {
		Objects.requireNonNull(value, "user id");
	}

	public static UserId of(String text) {
		return new UserId(Ids.uuid(text, "userId"));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
