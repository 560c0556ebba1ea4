package dev.ticketing.presale;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Access codes as fans type them: 12 characters of an alphabet without look-alikes (no
 * 0/O, 1/I/L), about 58 bits from a SecureRandom, shown in groups of four.
 */
final class AccessCodes {

	static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

	static final int LENGTH = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private AccessCodes() {
	}

	static String generate() {
		StringBuilder code = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/**
	 * A code as typed (any case, spaces and dashes) as it is stored; null if it cannot be
	 * one.
	 */
	static String normalise(String typed) {
		if (typed == null) {
			return null;
		}
		String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
		if (code.length() != LENGTH || code.chars().anyMatch((c) -> ALPHABET.indexOf(c) < 0)) {
			return null;
		}
		return code;
	}

	/** A stored code in groups of four, as printed and exported. */
	static String shown(String code) {
		return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
	}

}
