package dev.ticketing.limits;

import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one request from a limit's bucket for a user or address.
 */
final class RateLimiter {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	private final BucketStore store;

	private final Counter unenforced;

	RateLimiter(BucketStore store, MeterRegistry meters) {
		this.store = store;
		this.unenforced = Counter.builder("concert.limits.unenforced")
			.description("Requests let through unlimited because the rate-limit store did not answer")
			.register(meters);
	}

	/**
	 * @return 0 if the request may go on (also when {@code limit} or {@code key} is null,
	 * or the store cannot answer: limits degrade open), else how many nanoseconds until
	 * it would. The part of the limit this instance hands out alone goes first, without
	 * the store.
	 */
	long take(Limit limit, String key) {
		if (limit == null || key == null || limit.takeAlone(key)) {
			return 0;
		}
		if (!this.store.available()) {
			this.unenforced.increment();
			return 0;
		}
		try {
			ConsumptionProbe probe = limit.bucket(key, this.store).tryConsumeAndReturnRemaining(1);
			if (probe.isConsumed()) {
				return 0;
			}
			limit.refused();
			return Math.max(1, probe.getNanosToWaitForRefill());
		}
		catch (RuntimeException ex) {
			log.debug("Rate limit {} unenforced", limit.name(), ex);
			this.unenforced.increment();
			this.store.failed(ex);
			return 0;
		}
	}

}
