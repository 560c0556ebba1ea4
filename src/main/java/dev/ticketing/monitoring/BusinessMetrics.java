package dev.ticketing.monitoring;

import dev.ticketing.common.AfterCommit;
import dev.ticketing.common.ConcertId;
import dev.ticketing.payment.PaymentCompleted;
import dev.ticketing.payment.PaymentRefused;
import dev.ticketing.reservation.HoldRefused;
import dev.ticketing.reservation.HoldsExpired;
import dev.ticketing.reservation.SeatHeld;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts holds and payments from the events their modules publish. Successes count after
 * their transaction commits, so a rolled-back hold or payment is never counted; refusals
 * count at once, as nothing commits for them.
 *
 * <p>
 * The meters a module counts itself are registered there, once, when it starts:
 * {@code concert.cache.requests} by the concert module's browse cache,
 * {@code concert.seat.claims.fallback} by the reservation module.
 */
@Component
class BusinessMetrics {

	static final String HOLDS = "concert.holds";

	static final String PAYMENTS = "concert.payments";

	/** The sweep expires holds of every concert at once and does not tell them apart. */
	static final String ALL_CONCERTS = "all";

	/** The reason of a count that is no refusal. */
	static final String NONE = "none";

	private final MeterRegistry registry;

	BusinessMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@AfterCommit(fallbackExecution = true)
	void on(SeatHeld held) {
		holds(held.concertId().toString(), "taken", NONE).increment();
	}

	@EventListener
	void on(HoldRefused refused) {
		holds(refused.concertId().toString(), "refused", refused.reason()).increment();
	}

	@AfterCommit(fallbackExecution = true)
	void on(HoldsExpired expired) {
		holds(ALL_CONCERTS, "expired", NONE).increment(expired.count());
	}

	@AfterCommit(fallbackExecution = true)
	void on(PaymentCompleted paid) {
		payments(paid.concertId(), "succeeded", NONE).increment();
	}

	@EventListener
	void on(PaymentRefused refused) {
		payments(refused.concertId(), "refused", refused.reason()).increment();
	}

	private Counter holds(String concert, String outcome, String reason) {
		return Counter.builder(HOLDS)
			.description("Seat holds taken, refused by problem code (SEAT_UNAVAILABLE: held or sold; "
					+ "HOLD_LIMIT: the user holds the most seats one may) and expired unpaid")
			.tag("concert", concert)
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry);
	}

	private Counter payments(ConcertId concert, String outcome, String reason) {
		return Counter.builder(PAYMENTS)
			.description("Payments that succeeded, and refused ones by problem code")
			.tag("concert", concert.toString())
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.registry);
	}

}
