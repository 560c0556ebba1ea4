package dev.ticketing.saleevents;

import java.time.Clock;

import dev.ticketing.concert.SaleStatusChanged;
import dev.ticketing.payment.PaymentCompleted;
import dev.ticketing.payment.PaymentRefunded;
import dev.ticketing.reservation.HoldsExpired;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationCancelled;
import dev.ticketing.reservation.SeatHeld;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the modules' own events into {@link SaleEvent}s, synchronously, inside the
 * transaction that published them: the sale event's publication (the outbox row) then
 * commits with what happened, or rolls back with it, so no event leaves for a change that
 * did not happen.
 */
@Component
class SaleEvents {

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SaleEvents(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@EventListener
	void on(SeatHeld held) {
		publish(SaleEvent.ofReservation(SaleEvent.Type.HOLD_PLACED, held.reservationId().value(), this.clock.instant(),
				held.concertId().value(), held.userId().value(), held.seatId().value(), null, null, held.expiresAt()));
	}

	@EventListener
	void on(HoldsExpired expired) {
		for (Reservation hold : expired.holds()) {
			publish(SaleEvent.ofReservation(SaleEvent.Type.HOLD_EXPIRED, hold.id().value(), this.clock.instant(),
					hold.concertId().value(), hold.userId().value(), hold.seatId().value(), null, null, null));
		}
	}

	@EventListener
	void on(ReservationCancelled cancelled) {
		publish(SaleEvent.ofReservation(SaleEvent.Type.HOLD_CANCELLED, cancelled.reservationId().value(),
				this.clock.instant(), cancelled.concertId().value(), cancelled.userId().value(),
				cancelled.seatId().value(), null, null, null));
	}

	@EventListener
	void on(PaymentCompleted paid) {
		publish(SaleEvent.ofReservation(SaleEvent.Type.RESERVATION_PAID, paid.reservationId().value(),
				this.clock.instant(), paid.concertId().value(), paid.userId().value(), null, paid.paymentId(),
				paid.amount().value(), null));
	}

	@EventListener
	void on(PaymentRefunded refunded) {
		publish(SaleEvent.ofReservation(SaleEvent.Type.PAYMENT_REFUNDED, refunded.reservationId().value(),
				this.clock.instant(), refunded.concertId().value(), refunded.userId().value(), null,
				refunded.paymentId(), refunded.amount().value(), null));
	}

	@EventListener
	void on(SaleStatusChanged changed) {
		publish(SaleEvent.ofSale(changed.concertId().value(), changed.from(), changed.to(), this.clock.instant()));
	}

	private void publish(SaleEvent event) {
		this.events.publishEvent(event);
	}

}
