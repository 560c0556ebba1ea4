package dev.ticketing.common;

import java.util.UUID;

final class Ids {

	private Ids() {
	}

	static UUID uuid(String text, String name) {
		// UUID.fromString accepts shortened groups such as "1-1-1-1-1"; only the
		// canonical 36-character form is an id here.
		if (text == null || text.length() != 36) {
			throw InvalidInput.of("INVALID_ID", name + " must be a UUID");
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("INVALID_ID", name + " must be a UUID");
		}
	}

}
