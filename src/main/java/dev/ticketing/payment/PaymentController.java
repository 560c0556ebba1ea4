package dev.ticketing.payment;

import java.time.Instant;
import java.util.Optional;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.QueuePass;
import dev.ticketing.idempotency.Answer;
import dev.ticketing.idempotency.IdempotencyKey;
import dev.ticketing.idempotency.IdempotentRequests;
import dev.ticketing.reservation.ReservationId;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "payment", description = "Paying for holds, refunds")
class PaymentController {

	private final PaymentService payments;

	private final IdempotentRequests idempotent;

	private final ObjectMapper json;

	PaymentController(PaymentService payments, IdempotentRequests idempotent, ObjectMapper json) {
		this.payments = payments;
		this.idempotent = idempotent;
		this.json = json;
	}

	/**
	 * Pays for the reservation, with the queue token of its holder whatever the token's
	 * admission has become: a live hold is a right to pay until it expires. With an
	 * {@code Idempotency-Key}, the token's user's: a repeat gets the first answer again
	 * (paying twice never charges twice anyway; the key also repeats the first answer's
	 * refusal where that was final), also once the payment itself has ended the
	 * admission.
	 */
	@PostMapping("/{reservationId}")
	@ApiResponse(responseCode = "200", description = "Paid: the seat is the user's",
			content = @Content(schema = @Schema(implementation = PaymentView.class)))
	@ApiResponse(responseCode = "401",
			description = "TOKEN_EXPIRED: a token of an ended entry into the line that is not the hold's own")
	@ApiResponse(responseCode = "403", description = "TOKEN_CONCERT_MISMATCH: another concert's token")
	@ApiResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND: unknown, or not the token user's")
	@ApiResponse(responseCode = "409",
			description = "INSUFFICIENT_BALANCE: the balance does not cover the price; nothing changed")
	@ApiResponse(responseCode = "410", description = "HOLD_EXPIRED: the hold ran out before payment")
	Object pay(@PathVariable String reservationId, QueuePass pass, Optional<IdempotencyKey> key,
			HttpServletRequest http) {
		ReservationId id = ReservationId.of(reservationId);
		if (key.isEmpty()) {
			return PaymentView.of(this.payments.pay(id, pass));
		}
		IdempotentRequests.Call call = new IdempotentRequests.Call(pass.bearer().userId(), key.get(), http.getMethod(),
				http.getRequestURI(), "");
		return this.idempotent.runInTransaction(call,
				() -> Answer.json(200, PaymentView.of(this.payments.pay(id, pass)), this.json));
	}

	record PaymentView(String paymentId, String reservationId, String userId, long amount, PaymentStatus status,
			Instant paidAt) {

		static PaymentView of(Payment p) {
			return new PaymentView(p.id().toString(), p.reservationId().toString(), p.userId().toString(),
					p.amount().value(), p.status(), p.paidAt());
		}

	}

}
