package dev.ticketing.payment;

import java.time.Instant;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.Admission;
import dev.ticketing.common.AdmissionEnded;
import dev.ticketing.common.ProblemException;
import dev.ticketing.idempotency.Answer;
import dev.ticketing.idempotency.IdempotencyKey;
import dev.ticketing.idempotency.IdempotentRequests;
import dev.ticketing.reservation.ReservationId;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payments")
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
	 * Pays for the reservation. With an {@code Idempotency-Key}, the queue token's
	 * user's: a repeat gets the first answer again (paying twice never charges twice
	 * anyway; the key also repeats the first answer's refusal where that was final).
	 */
	@PostMapping("/{reservationId}")
	@ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PaymentView.class)))
	Object pay(@PathVariable String reservationId, Admission admission, Optional<IdempotencyKey> key,
			HttpServletRequest http) {
		ReservationId id = ReservationId.of(reservationId);
		if (key.isEmpty()) {
			return PaymentView.of(this.payments.pay(id, admission));
		}
		IdempotentRequests.Call call = new IdempotentRequests.Call(admission.userId(), key.get(), http.getMethod(),
				http.getRequestURI(), "");
		return this.idempotent.runInTransaction(call,
				() -> Answer.json(200, PaymentView.of(this.payments.pay(id, admission)), this.json));
	}

	/**
	 * A payment ends the payer's admission (when it was their last hold), so a retry of a
	 * payment whose answer was lost comes with a token that is no longer admitted. The
	 * token still proves whose it is: the retry gets the payment's answer if its key has
	 * one, and 401 {@code TOKEN_EXPIRED} as any other call otherwise.
	 */
	@ExceptionHandler(AdmissionEnded.class)
	ResponseEntity<?> afterTheAdmission(AdmissionEnded ended, HttpServletRequest http) {
		String header = http.getHeader(IdempotencyKey.HEADER);
		if (header == null) {
			return ended.toResponse();
		}
		IdempotencyKey key;
		try {
			key = new IdempotencyKey(header);
		}
		catch (ProblemException invalid) {
			return ended.toResponse();
		}
		IdempotentRequests.Call call = new IdempotentRequests.Call(ended.admission().userId(), key, http.getMethod(),
				http.getRequestURI(), "");
		return this.idempotent.answered(call).<ResponseEntity<?>>map((answer) -> answer).orElseGet(ended::toResponse);
	}

	record PaymentView(String paymentId, String reservationId, String userId, long amount, String status,
			Instant paidAt) {

		static PaymentView of(Payment p) {
			return new PaymentView(p.id().toString(), p.reservationId().toString(), p.userId().toString(),
					p.amount().value(), p.status(), p.paidAt());
		}

	}

}
