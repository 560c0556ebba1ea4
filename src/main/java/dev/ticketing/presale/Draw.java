package dev.ticketing.presale;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The lottery's draw, reproducible by anyone: every registration's place is SHA-256(seed
 * + ":" + registration id) in hexadecimal, the registrations are ordered by it (ties,
 * which SHA-256 makes practically impossible, by id), and the first {@code winners} win.
 * The seed is drawn when the lottery is set and its SHA-256 is published at once, so it
 * cannot be chosen after seeing who registered; the seed and the registration ids are
 * published with the result. Re-run in a shell:
 * {@code for id in $ids; do printf '%s %s\n' "$(printf '%s:%s' "$seed" "$id" | sha256sum |
 * cut -c1-64)" "$id"; done | sort | head -n $winners}.
 */
final class Draw {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Draw() {
	}

	/** A new seed: 32 random bytes, in hexadecimal. */
	static String newSeed() {
		byte[] seed = new byte[32];
		RANDOM.nextBytes(seed);
		return HexFormat.of().formatHex(seed);
	}

	/** What is published before the draw: SHA-256 of the seed's text, in hexadecimal. */
	static String commitment(String seed) {
		return sha256(seed);
	}

	/** The registrations in the draw's order: the first ones win. */
	static List<Long> order(String seed, List<Long> registrations) {
		return registrations.stream()
			.sorted(Comparator.comparing((Long id) -> sha256(seed + ":" + id)).thenComparing(Comparator.naturalOrder()))
			.toList();
	}

	/** The winners among {@code registrations}: the first {@code winners} in order. */
	static List<Long> winners(String seed, List<Long> registrations, int winners) {
		List<Long> ordered = order(seed, registrations);
		return ordered.subList(0, Math.min(winners, ordered.size()));
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

}
