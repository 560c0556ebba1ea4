package dev.ticketing.concert;

/**
 * Identifies one seat of one concert date.
 */
public record SeatId(long value) {

	public SeatId {
		if (value <= 0) {
			throw dev.ticketing.common.InvalidInput.of("INVALID_ID", "seatId must be a positive number");
		}
	}

}
