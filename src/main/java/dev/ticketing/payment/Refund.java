package dev.ticketing.payment;

import java.time.Instant;
import java.util.UUID;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.ReservationId;

/**
 * A refunded payment: {@code amount} went back to {@code userId} at {@code refundedAt}.
 */
public record Refund(UUID paymentId, ReservationId reservationId, UserId userId, Points amount, Instant refundedAt) {

	public PaymentStatus status() {
		return PaymentStatus.REFUNDED;
	}

}
