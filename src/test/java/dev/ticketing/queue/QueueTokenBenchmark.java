package dev.ticketing.queue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

/**
 * What sealing and opening a queue token costs: every issue and every stream tick seals
 * one, every booking call and poll opens one. Prints the token's length and the time per
 * operation on one thread and on every core at once, for a token of the current key and
 * one of the previous key during a rotation. A benchmark, not a test: it prints figures
 * and asserts nothing about time. Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=QueueTokenBenchmark}.
 */
@Tag("benchmark")
class QueueTokenBenchmark {

	private static final int TOKENS = 1_024;

	private static final int OPERATIONS = 400_000;

	private static final int ROUNDS = 7;

	private final QueueTokenKeys keys = QueueTokenKeys.of(QueueTokenTests.OTHER_SECRET, QueueTokenTests.SECRET);

	private final QueueTokenKeys previousKeys = QueueTokenKeys.of(QueueTokenTests.SECRET, null);

	private final QueueToken[] tokens = new QueueToken[TOKENS];

	private final String[] sealed = new String[TOKENS];

	private final String[] sealedBefore = new String[TOKENS];

	/** Keeps the JIT from dropping work whose result nobody reads. */
	private volatile long sink;

	@Test
	void sealAndOpen() throws Exception {
		ConcertId concert = new ConcertId(UUID.randomUUID());
		for (int i = 0; i < TOKENS; i++) {
			this.tokens[i] = new QueueToken(concert, new UserId(UUID.randomUUID()), (long) i << 27);
			this.sealed[i] = this.tokens[i].sign(this.keys);
			this.sealedBefore[i] = this.tokens[i].sign(this.previousKeys);
		}
		int threads = Runtime.getRuntime().availableProcessors();
		System.out.printf("%nQUEUE TOKEN (%d characters, e.g. %s; %,d operations a round, median of %d rounds)%n",
				this.sealed[0].length(), this.sealed[0], OPERATIONS, ROUNDS);
		System.out.printf("%-34s %22s %22s%n", "", "1 thread: wall (CPU)", threads + " threads: wall (CPU)");
		row("seal (current key)", threads, (i) -> this.tokens[i].sign(this.keys).length());
		row("open (current key)", threads, (i) -> (int) QueueToken.verify(this.sealed[i], this.keys).entry());
		row("open (previous key, rotation)", threads,
				(i) -> (int) QueueToken.verify(this.sealedBefore[i], this.keys).entry());
	}

	private void row(String name, int threads, IntFunction<Integer> operation) throws Exception {
		double[] one = nanosPerOperation(1, operation);
		double[] all = nanosPerOperation(threads, operation);
		System.out.printf("%-34s %8.0f ns (%6.0f ns) %8.0f ns (%6.0f ns)%n", name, one[0], one[1], all[0], all[1]);
	}

	/**
	 * Medians over rounds of wall time and of CPU time per operation, each thread doing
	 * its share.
	 */
	private double[] nanosPerOperation(int threads, IntFunction<Integer> operation) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			run(pool, threads, operation);
			double[] wall = new double[ROUNDS];
			double[] cpu = new double[ROUNDS];
			for (int round = 0; round < ROUNDS; round++) {
				long started = System.nanoTime();
				long cpuNanos = run(pool, threads, operation);
				wall[round] = (System.nanoTime() - started) / (double) OPERATIONS;
				cpu[round] = cpuNanos / (double) OPERATIONS;
			}
			Arrays.sort(wall);
			Arrays.sort(cpu);
			return new double[] { wall[ROUNDS / 2], cpu[ROUNDS / 2] };
		}
		finally {
			pool.shutdown();
		}
	}

	/** Runs every share; returns the CPU time the threads spent on them. */
	private long run(ExecutorService pool, int threads, IntFunction<Integer> operation) throws Exception {
		ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
		List<Future<Long>> shares = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int first = t;
			shares.add(pool.submit(() -> {
				long started = cpu.getCurrentThreadCpuTime();
				long sum = 0;
				for (int i = first; i < OPERATIONS; i += threads) {
					sum += operation.apply(i % TOKENS);
				}
				this.sink += sum;
				return cpu.getCurrentThreadCpuTime() - started;
			}));
		}
		long cpuNanos = 0;
		for (Future<Long> share : shares) {
			cpuNanos += share.get();
		}
		return cpuNanos;
	}

}
