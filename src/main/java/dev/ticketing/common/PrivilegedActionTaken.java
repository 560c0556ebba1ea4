package dev.ticketing.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An organiser's change to a sale, or a refund, has just been made: published inside the
 * transaction that made it, so that the audit log records it in that same transaction
 * (both commit or neither). Who made it and from where is the request's to say, not the
 * module's that publishes it.
 *
 * @param action what was done, a stable upper-case word such as {@code CONCERT_CHANGED}
 * @param subject what it was done to: a concert's or a reservation's id
 * @param details what changed, as names and plain values (texts, numbers, booleans, lists
 * of texts, and {@link #change changes} from one value to another); members without a
 * value are left out
 */
public record PrivilegedActionTaken(String action, String subject, Map<String, Object> details) {

	public PrivilegedActionTaken {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(subject, "subject");
		Map<String, Object> present = new LinkedHashMap<>();
		details.forEach((name, value) -> {
			if (value != null) {
				present.put(name, value);
			}
		});
		details = Collections.unmodifiableMap(present);
	}

	/**
	 * The action with its details given as name, value, name, value…; a null value is
	 * left out.
	 */
	public static PrivilegedActionTaken of(String action, Object subject, Object... namesAndValues) {
		if (namesAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("Details come as name, value pairs");
		}
		Map<String, Object> details = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			details.put((String) namesAndValues[i], plain(namesAndValues[i + 1]));
		}
		return new PrivilegedActionTaken(action, subject.toString(), details);
	}

	/**
	 * A value that changed, as {@code {"from": …, "to": …}}; either may be null (not set
	 * before, or taken away).
	 */
	public static Map<String, Object> change(Object from, Object to) {
		Map<String, Object> change = new LinkedHashMap<>();
		change.put("from", plain(from));
		change.put("to", plain(to));
		return Collections.unmodifiableMap(change);
	}

	/**
	 * Numbers, booleans, texts, changes and collections as they are; anything else as its
	 * text.
	 */
	private static Object plain(Object value) {
		return switch (value) {
			case null -> null;
			case Number number -> number;
			case Boolean bool -> bool;
			case Map<?, ?> change -> change;
			case java.util.Collection<?> many -> many.stream().map(String::valueOf).toList();
			default -> value.toString();
		};
	}

}
