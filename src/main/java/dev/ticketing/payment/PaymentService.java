package dev.ticketing.payment;

import java.time.Clock;
import java.util.UUID;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.QueuePass;
import dev.ticketing.point.PointService;
import dev.ticketing.reservation.Confirmation;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationId;
import dev.ticketing.reservation.ReservationService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pays for a held seat: confirms the hold, sells the seat, takes the points and records
 * the payment, all in one transaction, so either everything happened or nothing did.
 */
@Service
public class PaymentService {

	private final ReservationService reservations;

	private final PointService points;

	private final PaymentRepository payments;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PaymentService(ReservationService reservations, PointService points, PaymentRepository payments,
			ApplicationEventPublisher events, Clock clock) {
		this.reservations = reservations;
		this.points = points;
		this.payments = payments;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Pays for the holder's reservation: {@code holder} is the queue token the call
	 * carries, admitted or not, as a live hold may be paid for until it expires (which
	 * tokens speak for a hold: {@link QueuePass#requireHolderOf}). Paying a reservation
	 * that is already paid returns that payment again and charges nothing: a payment sent
	 * twice, even at the same moment, is charged once.
	 * @throws dev.ticketing.point.InsufficientBalance 409, nothing changed
	 * @throws dev.ticketing.common.ProblemException 404 unknown or another user's
	 * reservation, 403 another concert's token, 401 a token of an ended entry other than
	 * the hold's, 410 hold expired
	 */
	@Transactional
	public Payment pay(ReservationId id, QueuePass holder) {
		try {
			return payOnce(id, holder);
		}
		catch (RuntimeException ex) {
			String reason = (ex instanceof ProblemException problem) ? problem.code() : "ERROR";
			this.events.publishEvent(new PaymentRefused(id, holder.bearer().concertId(), reason));
			throw ex;
		}
	}

	private Payment payOnce(ReservationId id, QueuePass holder) {
		Admission admission = holder.bearer();
		Confirmation confirmation = this.reservations.confirm(id, holder);
		if (confirmation instanceof Confirmation.AlreadyConfirmed) {
			return this.payments.findByReservation(id).orElseThrow();
		}
		Reservation reservation = confirmation.reservation();
		this.points.use(admission.userId(), reservation.price(), id.value());
		Payment payment = Payment.completed(UUID.randomUUID(), id, admission.userId(), reservation.price(),
				this.clock.instant());
		this.payments.insert(payment);
		this.events.publishEvent(new PaymentCompleted(payment.id(), id, reservation.concertId(), admission.userId(),
				reservation.price(), this.reservations.liveHolds(admission.userId(), reservation.concertId())));
		return payment;
	}

}
