package dev.ticketing.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

import dev.ticketing.common.PrivilegedActionTaken;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.point.PointService;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationId;
import dev.ticketing.reservation.ReservationService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refunds a paid reservation in one transaction: the payment becomes REFUNDED (one
 * conditional UPDATE, which decides between refunds racing each other), the reservation
 * REFUNDED, its seat on sale again, and the points go back to the fan with a
 * {@code REFUND} ledger row. Either all of it happened or none. Refunding again changes
 * nothing and answers with the refund that was made.
 */
@Service
public class RefundService {

	private final PaymentRepository payments;

	private final ReservationService reservations;

	private final PointService points;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	RefundService(PaymentRepository payments, ReservationService reservations, PointService points,
			ApplicationEventPublisher events, Clock clock) {
		this.payments = payments;
		this.reservations = reservations;
		this.points = points;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * An organiser refunds any paid reservation, whenever; one whose ticket was given to
	 * another fan too (a concert called off): the points go back to the buyer, who paid
	 * them, and the ticket, whoever holds it, opens no door from then on.
	 * @throws ProblemException 404 {@code RESERVATION_NOT_FOUND} for an unknown
	 * reservation, 409 {@code NOT_PAID} for one that was never paid, 409
	 * {@code ALREADY_USED} if its ticket was admitted at a gate (the ticket module
	 * refuses to void it, inside this transaction, and none of the refund happens)
	 */
	@Transactional
	public Refund refundByOrganiser(ReservationId id, UserId organiser) {
		Reservation reservation = this.reservations.find(id).orElseThrow(() -> notFound(id));
		return refund(reservation, organiser, "ORGANISER", this.reservations::refund);
	}

	/**
	 * The fan refunds their own paid reservation, up to
	 * {@code concert.reservation.self-refund-until} before its date.
	 * @throws ProblemException 404 if unknown or another user's, 409 {@code NOT_PAID},
	 * 409 {@code SELF_REFUND_CLOSED} past the deadline, 409 {@code TICKET_TRANSFERRED}
	 * once its ticket was given to another fan (who cannot refund it either: the points
	 * are the buyer's, and no money changes hands through a transfer)
	 */
	@Transactional
	public Refund refundByHolder(ReservationId id, UserId holder) {
		Reservation reservation = this.reservations.find(id)
			.filter((r) -> r.isOwnedBy(holder))
			.orElseThrow(() -> notFound(id));
		Refund done = this.payments.findRefund(id).orElse(null);
		if (done != null) {
			return done;
		}
		this.reservations.requireSelfRefundable(reservation);
		return refund(reservation, holder, "FAN", this.reservations::refundByBuyer);
	}

	private Refund refund(Reservation reservation, UserId by, String role,
			Function<ReservationId, Optional<Reservation>> refundReservation) {
		ReservationId id = reservation.id();
		Instant now = this.clock.instant();
		if (!this.payments.markRefunded(id, by, now)) {
			return this.payments.findRefund(id)
				.orElseThrow(() -> ProblemException.conflict("NOT_PAID", "Reservation " + id + " is not paid for"));
		}
		Payment payment = this.payments.findByReservation(id).orElseThrow();
		Reservation refunded = refundReservation.apply(id)
			.orElseThrow(() -> new IllegalStateException("Paid reservation " + id + " is not CONFIRMED"));
		this.points.refund(refunded.userId(), payment.amount(), id.value());
		this.events.publishEvent(
				new PaymentRefunded(payment.id(), id, refunded.userId(), payment.amount(), refunded.concertId()));
		this.events.publishEvent(PrivilegedActionTaken.of("RESERVATION_REFUNDED", id, "paymentId", payment.id(), "fan",
				refunded.userId(), "amount", payment.amount().value(), "refundedBy", role));
		return new Refund(payment.id(), id, refunded.userId(), payment.amount(), now);
	}

	private static ProblemException notFound(ReservationId id) {
		return ProblemException.notFound("RESERVATION_NOT_FOUND", "No reservation " + id);
	}

}
