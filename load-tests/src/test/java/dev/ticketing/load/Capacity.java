package dev.ticketing.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.ticketing.load.Report.fmt;

/**
 * The capacity plan a run's figures give for a target throughput: instances of one core
 * each run at 60 % CPU, at least two; heap, memory limit and connection pool from the
 * measured peaks.
 *
 * @param coresTotal cores in all, to the half core ({@code null} without a CPU figure)
 * @param tpsPerInstance requests per second one instance handles at 60 % CPU
 * @param instances instances to run
 * @param heapMb {@code -Xmx} per instance
 * @param memoryMb the memory limit per instance
 * @param pool HikariCP's maximum-pool-size per instance
 */
record Capacity(Double coresTotal, Double tpsPerInstance, int instances, int heapMb, int memoryMb, int pool) {

	static final String ASSUMPTIONS = String.join(" ", "CPU grows linearly with requests at this run's mix of calls;",
			"each instance gets 1 core and is planned at 60 % CPU, leaving room for spikes and GC;",
			"PostgreSQL and Redis are sized separately and are not the bottleneck;",
			"CPU per request is the service process's CPU time over the run divided by the requests sent, so start-up "
					+ "work is excluded but Actuator sampling and background tasks are included (a slight overestimate);",
			"measured on a shared machine where the load generator competes for the same cores.");

	private static final double UTILISATION = 0.6;

	private static final int MIN_INSTANCES = 2;

	static Capacity of(Double cpuPerRequestS, double rps, Double peakHeapMb, Double peakNonHeapMb,
			Double peakPoolActive, double targetTps) {
		Double coresTotal = null;
		Double tpsPerInstance = null;
		int instances = MIN_INSTANCES;
		if (cpuPerRequestS != null && cpuPerRequestS > 0) {
			double tpsPerCore = UTILISATION / cpuPerRequestS;
			coresTotal = Math.ceil(targetTps / tpsPerCore * 2) / 2;
			tpsPerInstance = tpsPerCore;
			instances = Math.max(MIN_INSTANCES, (int) Math.ceil(targetTps / tpsPerInstance));
		}
		int heap = Math.max(256, (int) Math.ceil(or(peakHeapMb, 128) * 2 / 128) * 128);
		int memory = (int) Math.ceil((heap + Math.max(or(peakNonHeapMb, 150), 150) + 100) * 1.25 / 64) * 64;
		double busy = or(peakPoolActive, 1) * ((rps > 0) ? targetTps / instances / rps : 1);
		return new Capacity(coresTotal, tpsPerInstance, instances, heap, memory,
				Math.max(10, (int) Math.ceil(busy * 2)));
	}

	List<List<String>> rows(Double cpuPerRequestS, double rps, Double poolPeak, Double pendingPeak) {
		List<List<String>> rows = new ArrayList<>();
		if (this.coresTotal != null) {
			rows.add(List.of("CPU",
					fmt(this.coresTotal) + " core(s) in all; 1 core per instance handles ≈ "
							+ String.format(Locale.ROOT, "%,.0f", this.tpsPerInstance) + " req/s",
					String.format(Locale.ROOT, "%.3f", cpuPerRequestS * 1000)
							+ " ms of CPU per request measured, run at 60 % utilisation"));
		}
		rows.add(List.of("Instances", String.valueOf(this.instances), "CPU above, and at least 2 for availability"));
		rows.add(List.of("Heap", "-Xmx" + this.heapMb + "m",
				"twice the measured peak heap, rounded up to 128 MB, at least 256 MB"));
		rows.add(List.of("Memory limit", this.memoryMb + " MiB per instance",
				"heap + measured non-heap + 100 MB (thread stacks, direct buffers), plus 25 %"));
		rows.add(List.of("DB pool per instance", this.pool + " (HikariCP maximum-pool-size)", "peak " + fmt(poolPeak)
				+ " connections busy at " + String.format(Locale.ROOT, "%,.0f", rps)
				+ " req/s, scaled to each instance's share, doubled; at least 10; all instances together must stay "
				+ "under PostgreSQL's max_connections"));
		if (pendingPeak != null && pendingPeak > 0) {
			rows.add(List.of("DB pool caveat", "the pool was exhausted during the run",
					"up to " + fmt(pendingPeak)
							+ " requests waited for a connection: the busy count above is the pool's cap, so the "
							+ "recommendation is a floor; find what holds connections (e.g. row-lock waits) first"));
		}
		rows.add(List.of("Redis", "one shared connection per instance (Lettuce multiplexes)",
				"the queue's calls are single Lua scripts"));
		return rows;
	}

	private static double or(Double v, double fallback) {
		return (v == null || v == 0) ? fallback : v;
	}

}
