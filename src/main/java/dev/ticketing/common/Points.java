package dev.ticketing.common;

/**
 * An amount of points, the currency seats are paid in. Never negative.
 */
public record Points(long value) implements Comparable<Points> {

	public static final Points ZERO = new Points(0);

	public Points {
		if (value < 0) {
			throw InvalidInput.of("INVALID_AMOUNT", "points cannot be negative");
		}
	}

	public static Points of(long value) {
		return new Points(value);
	}

	public Points plus(Points other) {
		return new Points(Math.addExact(this.value, other.value));
	}

	public boolean isZero() {
		return this.value == 0;
	}

	@Override
	public int compareTo(Points other) {
		return Long.compare(this.value, other.value);
	}

}
