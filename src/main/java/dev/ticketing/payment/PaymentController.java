package dev.ticketing.payment;

import java.time.Instant;

import dev.ticketing.common.Admission;
import dev.ticketing.reservation.ReservationId;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/payments")
class PaymentController {

	private final PaymentService payments;

	PaymentController(PaymentService payments) {
		this.payments = payments;
	}

	@PostMapping("/{reservationId}")
	PaymentView pay(@PathVariable String reservationId, Admission admission) {
		return PaymentView.of(this.payments.pay(ReservationId.of(reservationId), admission));
	}

	record PaymentView(String paymentId, String reservationId, String userId, long amount, String status,
			Instant paidAt) {

		static PaymentView of(Payment p) {
			return new PaymentView(p.id().toString(), p.reservationId().toString(), p.userId().toString(),
					p.amount().value(), p.status(), p.paidAt());
		}

	}

}
