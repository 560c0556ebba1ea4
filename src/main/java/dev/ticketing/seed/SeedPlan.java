package dev.ticketing.seed;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.ticketing.common.InvalidInput;

/**
 * What the {@code seed} command creates, read from
 * {@code --concerts N --dates-per-concert N --seats-per-date N --rich-users N --poor-users N --price N --out DIR
 * [--sign-with KEY]}; with {@code --sign-with}, each user's access token is written too.
 */
record SeedPlan(int concerts, int datesPerConcert, int seatsPerDate, int richUsers, int poorUsers, long price, Path out,
		Path signingKey) {

	private static final Set<String> OPTIONS = Set.of("concerts", "dates-per-concert", "seats-per-date", "rich-users",
			"poor-users", "price", "out", "sign-with");

	SeedPlan {
		if (concerts < 0 || datesPerConcert < 1 || seatsPerDate < 1 || richUsers < 0 || poorUsers < 0 || price < 1) {
			throw InvalidInput.of("INVALID_SEED_PLAN",
					"counts must not be negative; dates, seats and price at least 1");
		}
	}

	static SeedPlan parse(String[] args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (!arg.startsWith("--")) {
				throw InvalidInput.of("INVALID_SEED_PLAN", "unexpected argument " + arg);
			}
			String name = arg.substring(2);
			String value;
			int eq = name.indexOf('=');
			if (eq >= 0) {
				value = name.substring(eq + 1);
				name = name.substring(0, eq);
			}
			else if (i + 1 < args.length) {
				value = args[++i];
			}
			else {
				throw InvalidInput.of("INVALID_SEED_PLAN", "--" + name + " needs a value");
			}
			if (name.contains(".")) {
				// A Spring property such as --spring.profiles.active=prod, read by
				// Spring.
				continue;
			}
			if (!OPTIONS.contains(name)) {
				throw InvalidInput.of("INVALID_SEED_PLAN", "unknown option --" + name + "; known: " + OPTIONS);
			}
			values.put(name, value);
		}
		return new SeedPlan(number(values, "concerts", 1), number(values, "dates-per-concert", 1),
				number(values, "seats-per-date", 1000), number(values, "rich-users", 1000),
				number(values, "poor-users", 200), number(values, "price", 50_000),
				Path.of(values.getOrDefault("out", ".")),
				values.containsKey("sign-with") ? Path.of(values.get("sign-with")) : null);
	}

	/** Enough for every seat a rich user could win in a run. */
	long richBalance() {
		return Math.multiplyExact(this.price, (long) this.concerts * this.datesPerConcert * this.seatsPerDate);
	}

	private static int number(Map<String, String> values, String name, int fallback) {
		long value = number(values, name, (long) fallback);
		if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
			throw InvalidInput.of("INVALID_SEED_PLAN", "--" + name + " is too large: " + value);
		}
		return (int) value;
	}

	private static long number(Map<String, String> values, String name, long fallback) {
		String value = values.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw InvalidInput.of("INVALID_SEED_PLAN", "--" + name + " must be a number, not " + value);
		}
	}

}
