package dev.ticketing.reservation;

import java.time.Instant;
import java.util.Objects;

import dev.ticketing.concert.SeatPlace;

/**
 * A reservation as its user sees it in the list of their reservations: the hold, where
 * and when its seat is, what became of it by {@code now}, when it was paid, and until
 * when its user may refund it themselves.
 *
 * @param place the seat's place, date and concert, or null if the date's seats were laid
 * out anew since (only a seat never sold can go)
 * @param selfRefundableUntil for a paid reservation, until when its user may refund it
 * themselves; null if not paid, or if fans cannot refund their own tickets at all
 */
public record ReservationSummary(Reservation reservation, SeatPlace place, Status status, Instant paidAt,
		Instant selfRefundableUntil) {

	public ReservationSummary {
		Objects.requireNonNull(reservation, "reservation");
		Objects.requireNonNull(status, "status");
	}

	/**
	 * What a reservation is at a moment: a HELD one past its expiry is EXPIRED whether or
	 * not the sweep has marked it.
	 */
	public enum Status {

		/** A live hold, payable until it expires. */
		HELD,
		/** Paid for: the seat is the user's. */
		PAID,
		/** Ran out unpaid. */
		EXPIRED,
		/** Given up by the user before it ran out. */
		CANCELLED,
		/** Paid for, then refunded: the points went back, the seat is on sale again. */
		REFUNDED;

		static Status of(ReservationStatus stored, Instant expiresAt, Instant cancelledAt, Instant now) {
			return switch (stored) {
				case CONFIRMED -> PAID;
				case HELD -> expiresAt.isAfter(now) ? HELD : EXPIRED;
				case EXPIRED -> (cancelledAt != null) ? CANCELLED : EXPIRED;
				case REFUNDED -> REFUNDED;
			};
		}

	}

}
