package dev.ticketing.common;

/**
 * An amount of points, the currency seats are paid in. Never negative.
 */
public record Points(long value) {

	public static final Points ZERO = new Points(0);

	public Points {
		if (value < 0) {
			throw InvalidInput.of("INVALID_AMOUNT", "points cannot be negative");
		}
	}

	public static Points of(long value) {
		return new Points(value);
	}

	public boolean isZero() {
		return this.value == 0;
	}

}
