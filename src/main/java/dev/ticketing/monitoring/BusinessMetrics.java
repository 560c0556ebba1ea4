package dev.ticketing.monitoring;

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
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counts holds and payments from the events their modules publish. Successes count after
 * their transaction commits, so a rolled-back hold or payment is never counted; refusals
 * count at once, as nothing commits for them.
 *
 * <p>
 * Also registers at zero {@code concert.cache.requests} with {@code result=hit|miss}
 * (browse responses, counted by the concert module), so dashboards and alerts see both
 * before the first lookup. {@code concert.seat.claims.fallback} is registered once, by
 * the reservation module that counts it, when it starts.
 */
@Component
class BusinessMetrics {

	static final String HOLDS = "concert.holds";

	static final String PAYMENTS = "concert.payments";

	static final String CACHE_REQUESTS = "concert.cache.requests";

	/** The sweep expires holds of every concert at once and does not tell them apart. */
	static final String ALL_CONCERTS = "all";

	/** The reason of a count that is no refusal. */
	static final String NONE = "none";

	private final MeterRegistry registry;

	BusinessMetrics(MeterRegistry registry) {
		this.registry = registry;
		for (String result : new String[] { "hit", "miss" }) {
			Counter.builder(CACHE_REQUESTS)
				.description("Catalogue cache lookups")
				.tag("result", result)
				.register(registry);
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(SeatHeld held) {
		holds(held.concertId().toString(), "taken", NONE).increment();
	}

	@EventListener
	void on(HoldRefused refused) {
		holds(refused.concertId().toString(), "refused", refused.reason()).increment();
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(HoldsExpired expired) {
		holds(ALL_CONCERTS, "expired", NONE).increment(expired.count());
	}

	@TransactionalEventListener(fallbackExecution = true)
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
