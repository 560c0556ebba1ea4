package dev.ticketing.queue;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import dev.ticketing.common.ConcertId;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * What this instance measures of each concert's booking path for the adaptive limit: the
 * latency and outcome of every call that carried a queue token of the concert (dates,
 * seats, hold, pay, cancel), from the handler's start to the answer, and the database
 * pool's connection timeouts. Drained once per interval into one {@link Health} report
 * per concert. Latencies go into an HdrHistogram recorder per concert (to the
 * microsecond, two significant digits, calls longer than {@link #LONGEST_MICROS} counted
 * as that long; packed, so it holds only the latencies seen), so a call takes no lock and
 * the memory does not grow with the number of calls.
 */
class BookingHealth implements HandlerInterceptor {

	/** The longest latency told apart: a call slower than a minute is one minute. */
	static final long LONGEST_MICROS = TimeUnit.MINUTES.toMicros(1);

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

	/** One concert's calls since the last drain. Drained by one thread at a time. */
	private static final class Window {

		private final Recorder latencies = new Recorder(2, true);

		private final LongAdder errors = new LongAdder();

		private Histogram interval;

		void add(long nanos, boolean failed) {
			// Recorded before the error is counted, so a drain that sees the error has
			// seen its call too, or counts both in the next interval's report.
			this.latencies.recordValue(Math.clamp(TimeUnit.NANOSECONDS.toMicros(nanos), 0, LONGEST_MICROS));
			if (failed) {
				this.errors.increment();
			}
		}

		Health drain(long poolTimeouts) {
			this.interval = this.latencies.getIntervalHistogram(this.interval);
			long calls = this.interval.getTotalCount();
			if (calls == 0) {
				return Health.NONE;
			}
			long errors = Math.min(calls, this.errors.sumThenReset());
			return new Health(this.interval.getValueAtPercentile(95) / 1e3, calls, errors, poolTimeouts);
		}

	}

}
