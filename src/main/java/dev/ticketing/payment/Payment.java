package dev.ticketing.payment;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.ReservationId;

/**
 * A payment for a reservation.
 *
 * @param status as stored: COMPLETED, or REFUNDED once refunded
 */
public record Payment(UUID id, ReservationId reservationId, UserId userId, Points amount, Instant paidAt,
		PaymentStatus status) {

	public Payment {
		Objects.requireNonNull(status, "status");
	}

	/** A payment made now, before anything could become of it. */
	static Payment completed(UUID id, ReservationId reservationId, UserId userId, Points amount, Instant paidAt) {
		return new Payment(id, reservationId, userId, amount, paidAt, PaymentStatus.COMPLETED);
	}

}
