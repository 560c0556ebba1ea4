package dev.ticketing.queue;

import java.util.Collection;

/**
 * What one instance measured of a concert's booking path over one interval of the
 * adaptive limit: the p95 latency of its booking calls, how many there were, how many
 * failed (5xx), and how many times a call waited for a database connection in vain (the
 * pool's timeouts).
 */
record Health(double p95Millis, long calls, long errors, long poolTimeouts) {

	static final Health NONE = new Health(0, 0, 0, 0);

	Health {
		if (p95Millis < 0 || calls < 0 || errors < 0 || poolTimeouts < 0) {
			throw new IllegalArgumentException("A health report counts nothing negative");
		}
	}

	/**
	 * The reports of every instance as one: the worst p95 (the limit is the line's, so
	 * the slowest instance speaks for it), and the calls, errors and timeouts of all.
	 */
	static Health combined(Collection<Health> reports) {
		double p95 = 0;
		long calls = 0;
		long errors = 0;
		long timeouts = 0;
		for (Health report : reports) {
			p95 = Math.max(p95, report.p95Millis());
			calls += report.calls();
			errors += report.errors();
			timeouts += report.poolTimeouts();
		}
		return new Health(p95, calls, errors, timeouts);
	}

	/** As the Redis store keeps it: {@code p95:calls:errors:timeouts}. */
	String encoded() {
		return this.p95Millis + ":" + this.calls + ":" + this.errors + ":" + this.poolTimeouts;
	}

	static Health decode(String encoded) {
		String[] parts = encoded.split(":");
		return new Health(Double.parseDouble(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
				Long.parseLong(parts[3]));
	}

}
