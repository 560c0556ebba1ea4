package dev.ticketing.queue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.ticketing.common.ConcertId;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * What this instance measures of each concert's booking path for the adaptive limit: the
 * latency and outcome of every call that carried a queue token of the concert (dates,
 * seats, hold, pay, cancel), from the handler's start to the answer, and the database
 * pool's connection timeouts. Drained once per interval into one {@link Health} report
 * per concert. Up to {@value #SAMPLES} latencies per concert and interval are kept (a
 * uniform sample beyond), so the cost is the same however busy the path.
 */
class BookingHealth implements HandlerInterceptor {

	static final int SAMPLES = 4096;

	private static final String STARTED = BookingHealth.class.getName() + ".started";

	/** Set by the admission resolver: which concert's booking path the call is on. */
	static final String CONCERT = BookingHealth.class.getName() + ".concert";

	private final Map<ConcertId, Window> windows = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	private double poolTimeoutsSeen;

	BookingHealth(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod) {
			request.setAttribute(STARTED, System.nanoTime());
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (request.getAttribute(CONCERT) instanceof ConcertId concert
				&& request.getAttribute(STARTED) instanceof Long started) {
			record(concert, System.nanoTime() - started, ex != null || response.getStatus() >= 500);
		}
	}

	/** One booking call of the concert: how long it took, and whether it failed. */
	void record(ConcertId concert, long nanos, boolean failed) {
		this.windows.computeIfAbsent(concert, (c) -> new Window()).add(nanos, failed);
	}

	/**
	 * Each concert's report since the last drain, and starts the next interval. Every
	 * concert's report carries the pool's timeouts since then: the pool is shared.
	 */
	synchronized Map<ConcertId, Health> drain() {
		double timeouts = this.meters.find("hikaricp.connections.timeout")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
		long newTimeouts = (long) Math.max(0, timeouts - this.poolTimeoutsSeen);
		this.poolTimeoutsSeen = timeouts;
		Map<ConcertId, Health> reports = new HashMap<>();
		this.windows.forEach((concert, window) -> {
			Health report = window.drain(newTimeouts);
			if (report.calls() > 0) {
				reports.put(concert, report);
			}
		});
		return reports;
	}

	private static final class Window {

		private final long[] samples = new long[SAMPLES];

		private long calls;

		private long errors;

		synchronized void add(long nanos, boolean failed) {
			this.calls++;
			if (failed) {
				this.errors++;
			}
			if (this.calls <= SAMPLES) {
				this.samples[(int) this.calls - 1] = nanos;
			}
			else {
				// Reservoir sampling: every call of the interval equally likely kept.
				long slot = ThreadLocalRandom.current().nextLong(this.calls);
				if (slot < SAMPLES) {
					this.samples[(int) slot] = nanos;
				}
			}
		}

		synchronized Health drain(long poolTimeouts) {
			if (this.calls == 0) {
				return Health.NONE;
			}
			int kept = (int) Math.min(this.calls, SAMPLES);
			long[] sorted = Arrays.copyOf(this.samples, kept);
			Arrays.sort(sorted);
			long p95 = sorted[Math.max(0, (int) Math.ceil(kept * 0.95) - 1)];
			Health report = new Health(p95 / 1e6, this.calls, this.errors, poolTimeouts);
			this.calls = 0;
			this.errors = 0;
			return report;
		}

	}

}
