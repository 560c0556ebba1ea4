package dev.ticketing.common;

import java.util.UUID;

/**
 * Reads ids from request text in their one canonical spelling.
 */
public final class Ids {

	private static final java.util.regex.Pattern CANONICAL_NUMBER = java.util.regex.Pattern
		.compile("0|-?[1-9][0-9]{0,18}");

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

	/**
	 * A numeric id written in canonical decimal: {@code +5}, {@code 007} and {@code 0x10}
	 * are refused rather than read as 5, 7 and 16, so one id has one spelling (in cache
	 * keys, logs and limits alike).
	 * @throws ProblemException 400 {@code INVALID_PARAMETER} otherwise
	 */
	public static long number(String text, String name) {
		if (text == null || !CANONICAL_NUMBER.matcher(text).matches()) {
			throw InvalidInput.of("INVALID_PARAMETER", "'" + name + "' must be a number in decimal");
		}
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw InvalidInput.of("INVALID_PARAMETER", "'" + name + "' must be a number in decimal");
		}
	}

}
