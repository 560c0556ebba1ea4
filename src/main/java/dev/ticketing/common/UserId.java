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
		return of(text, "userId");
	}

	/** As {@link #of(String)}, for an id a request names {@code name}. */
	public static UserId of(String text, String name) {
		return new UserId(Ids.uuid(text, name));
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
