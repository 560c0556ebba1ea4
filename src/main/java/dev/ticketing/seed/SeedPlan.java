package dev.ticketing.seed;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.Points;
import dev.ticketing.concert.SeatMap;

/**
 * What the {@code seed} command creates, read from
 * {@code --concerts N --dates-per-concert N --seats-per-date N --rich-users N --poor-users N --price N --out DIR
 * [--sections N --rows N] [--sign-with KEY]}; with {@code --sign-with}, each user's
 * access token is written too. Each date's seats are spread over {@code sections}
 * sections (A, B, …) of {@code rows} rows each, labelled as an organiser's seat map
 * labels them.
 */
record SeedPlan(int concerts, int datesPerConcert, int seatsPerDate, int richUsers, int poorUsers, long price, Path out,
		Path signingKey, int sections, int rows) {

	private static final Set<String> OPTIONS = Set.of("concerts", "dates-per-concert", "seats-per-date", "rich-users",
			"poor-users", "price", "out", "sign-with", "sections", "rows");

	SeedPlan {
		if (concerts < 0 || datesPerConcert < 1 || seatsPerDate < 1 || richUsers < 0 || poorUsers < 0 || price < 1
				|| sections < 1 || rows < 1) {
			throw InvalidInput.of("INVALID_SEED_PLAN",
					"counts must not be negative; dates, seats, sections, rows and price at least 1");
		}
		if ((long) sections * rows > seatsPerDate) {
			throw InvalidInput.of("INVALID_SEED_PLAN", "--sections x --rows must not exceed --seats-per-date");
		}
		if (seatsPerDate > SeatMap.MAX_SEATS) {
			throw InvalidInput.of("INVALID_SEED_PLAN", "--seats-per-date is at most " + SeatMap.MAX_SEATS);
		}
	}

	/** A plan of one section of one row per date. */
	SeedPlan(int concerts, int datesPerConcert, int seatsPerDate, int richUsers, int poorUsers, long price, Path out,
			Path signingKey) {
		this(concerts, datesPerConcert, seatsPerDate, richUsers, poorUsers, price, out, signingKey, 1, 1);
	}

	/** Each date's hall. */
	SeatMap seatMap() {
		return SeatMap.spread(this.sections, this.rows, this.seatsPerDate, Points.of(this.price));
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
				values.containsKey("sign-with") ? Path.of(values.get("sign-with")) : null,
				number(values, "sections", 1), number(values, "rows", 1));
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
