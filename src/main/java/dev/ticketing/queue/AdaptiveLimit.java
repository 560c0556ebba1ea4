package dev.ticketing.queue;

import java.util.Collection;

/**
 * How the adaptive admission limit of a line moves, one step per interval, from what
 * every instance measured of the booking path. It is the gradient limit of Netflix's
 * concurrency-limits library ({@code GradientLimit}) with the operator's latency target
 * in place of the measured no-load latency, and the AIMD limit's multiplicative decrease
 * on failures. Multiplicative decrease, sub-linear increase: the limit settles just under
 * where the booking path's p95 meets the target.
 * <ul>
 * <li>Failing (5xx above {@code max-error-rate} of the calls, or any database connection
 * timeout): the limit is multiplied by {@code backoff}.</li>
 * <li>Over its target, the gradient {@code target-p95 / p95}, kept between 0.5 and 1,
 * scales the limit down: a path at twice its target (or slower) halves it.</li>
 * <li>Within its target, while users wait (so the limit is what holds them back), the
 * limit grows by its square root, the library's allowance for a queue: 10 → 50 in 8
 * intervals. With nobody waiting there is no evidence that more would be served as well,
 * and the limit stays.</li>
 * <li>An interval with no booking call says nothing: the limit stays.</li>
 * </ul>
 * The limit never leaves {@code [min-active, max-active]}. Users admitted above a limit
 * that fell keep their admission; only new admissions wait for the limit.
 */
final class AdaptiveLimit {

	private static final double MIN_GRADIENT = 0.5;

	private AdaptiveLimit() {
	}

	/**
	 * The limit after one interval.
	 * @param limit the limit now
	 * @param reports every instance's report of the interval
	 * @param waiting whether users wait in line
	 */
	static double next(double limit, Collection<Health> reports, boolean waiting, int min, int max,
			QueueProperties.Adaptive settings) {
		Health health = Health.combined(reports);
		double next;
		if (health.calls() == 0) {
			next = limit;
		}
		else if (health.errors() > settings.maxErrorRate() * health.calls() || health.poolTimeouts() > 0) {
			next = limit * settings.backoff();
		}
		else {
			double target = settings.targetP95().toNanos() / 1e6;
			double gradient = (health.p95Millis() <= 0) ? 1
					: Math.max(MIN_GRADIENT, Math.min(1, target / health.p95Millis()));
			// Grow only within the target and while the limit holds users back: the
			// library's queue allowance of √limit.
			next = (gradient >= 1 && waiting) ? limit + Math.sqrt(limit) : limit * gradient;
		}
		return clamp(next, min, max);
	}

	/** The limit as it applies under {@code max}: never below min, never above max. */
	static double clamp(double limit, int min, int max) {
		int floor = Math.min(min, max);
		return Math.max(floor, Math.min(max, limit));
	}

}
