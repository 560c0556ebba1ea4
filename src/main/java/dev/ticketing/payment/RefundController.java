package dev.ticketing.payment;

import java.time.Instant;

import dev.ticketing.common.Caller;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.ReservationId;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Refunds: an organiser's of any paid reservation, and a fan's of their own before the
 * self-refund deadline. Both need an access token (the security filters: organiser paths
 * also the role {@code ORGANISER}); a second refund answers with the first.
 */
@RestController
@Tag(name = "payment", description = "Paying for holds, refunds")
class RefundController {

	private final RefundService refunds;

	RefundController(RefundService refunds) {
		this.refunds = refunds;
	}

	/** Organisers only. */
	@PostMapping("/api/v1/organiser/reservations/{reservationId}/refund")
	RefundView refund(@PathVariable String reservationId, Caller caller) {
		ReservationId id = ReservationId.of(reservationId);
		return RefundView.of(this.refunds.refundByOrganiser(id, caller.self(null)));
	}

	/** The reservation's own user only (403 {@code USER_MISMATCH} for anyone else). */
	@PostMapping("/api/v1/users/{userId}/reservations/{reservationId}/refund")
	RefundView refundOwn(@PathVariable String userId, @PathVariable String reservationId, Caller caller) {
		UserId user = caller.requireSelf(UserId.of(userId));
		return RefundView.of(this.refunds.refundByHolder(ReservationId.of(reservationId), user));
	}

	record RefundView(String paymentId, String reservationId, String userId, long amount, PaymentStatus status,
			Instant refundedAt) {

		static RefundView of(Refund refund) {
			return new RefundView(refund.paymentId().toString(), refund.reservationId().toString(),
					refund.userId().toString(), refund.amount().value(), refund.status(), refund.refundedAt());
		}

	}

}
