package dev.ticketing.reservation;

import java.time.Instant;
import java.util.Objects;

import dev.ticketing.common.UserId;
import dev.ticketing.concert.SeatPlace;

/**
 * A reservation as its user sees it in the list of their reservations: the hold, where
 * and when its seat is, what became of it by the time of the list, when it was paid, and
 * until when its user may refund it themselves.
 *
 * @param place the seat's place, date and concert, or null if the date's seats were laid
 * out anew since (only a seat never sold can go)
 * @param status what it is now ({@link Reservation#statusAt})
 * @param selfRefundableUntil for a paid reservation, until when its user may refund it
 * themselves; null if not paid, if its ticket was given to another fan, or if fans cannot
 * refund their own tickets at all
 * @param givenTo the fan its ticket was given to (a transfer), or null while its user
 * holds it
 */
public record ReservationSummary(Reservation reservation, SeatPlace place, ReservationStatus status, Instant paidAt,
		Instant selfRefundableUntil, UserId givenTo) {

	public ReservationSummary {
		Objects.requireNonNull(reservation, "reservation");
		Objects.requireNonNull(status, "status");
	}

}
