package dev.ticketing.reservation;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a reservation is, stored and shown under the same word: HELD → PAID when paid,
 * HELD → EXPIRED when the hold runs out unpaid, HELD → CANCELLED when its holder gives it
 * up, PAID → REFUNDED when the payment is refunded. EXPIRED, CANCELLED and REFUNDED are
 * final. A HELD reservation past its expiry is EXPIRED whether or not the sweep has
 * stored it so ({@link Reservation#statusAt}).
 */
public enum ReservationStatus {

	/** A hold: payable until it expires. */
	HELD,
	/** Paid for: the seat is the user's. */
	PAID,
	/** Ran out unpaid. */
	EXPIRED,
	/** Given up by its holder before it ran out. */
	CANCELLED,
	/** Paid for, then refunded: the points went back, the seat is on sale again. */
	REFUNDED;

	/** Whether a reservation may go from this status to {@code next}. */
	public boolean canBecome(ReservationStatus next) {
		return switch (this) {
			case HELD -> next == PAID || next == EXPIRED || next == CANCELLED;
			case PAID -> next == REFUNDED;
			case EXPIRED, CANCELLED, REFUNDED -> false;
		};
	}

	/** The statuses a reservation may reach {@code next} from. */
	public static Set<ReservationStatus> sourcesOf(ReservationStatus next) {
		return Set.of(values()).stream().filter((s) -> s.canBecome(next)).collect(Collectors.toSet());
	}

}
