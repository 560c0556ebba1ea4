package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Redis queue at flash-crowd scale: fills one concert's line with
 * {@code -Dqueue.users} (default 1,000,000) waiting users through the real script, then
 * prints status and issue latency next to the same figures for a line of 1,000, and Redis
 * memory per waiting user. A benchmark, not a test: it prints figures and asserts nothing
 * about time. Run with {@code ./mvnw test -Pbenchmark -Dtest=QueueScaleBenchmark}.
 */
@Tag("benchmark")
class QueueScaleBenchmark {

	static final String PREFIX = "bench:queue-scale:";

	final Instant now = Instant.now();

	/** Each user's entry, as the user's token carries it. */
	final Map<UserId, Long> entries = new ConcurrentHashMap<>();

	@Test
	void statusStaysLogarithmicAndAWaitingUserCostsFewBytes() throws Exception {
		int users = Integer.getInteger("queue.users", 1_000_000);
		LettuceConnectionFactory connection = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connection.afterPropertiesSet();
		connection.start();
		StringRedisTemplate redis = new StringRedisTemplate(connection);
		try {
			clean(redis);
			QueueProperties base = QueueSettings
				.of(100, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(30), 0)
				.build();
			RedisWaitingQueue queue = new RedisWaitingQueue(redis, PREFIX, base);

			ConcertId small = new ConcertId(UUID.randomUUID());
			List<UserId> smallLine = fill(queue, small, 1_000);
			long before = usedMemory(redis);
			ConcertId large = new ConcertId(UUID.randomUUID());
			long started = System.nanoTime();
			List<UserId> largeLine = fill(queue, large, users);
			double fillSeconds = (System.nanoTime() - started) / 1e9;
			long after = usedMemory(redis);
			Long waitingKeyBytes = redis.execute(
					RedisScript.of("return redis.call('MEMORY', 'USAGE', KEYS[1], 'SAMPLES', '0')", Long.class),
					List.of(PREFIX + "queue:{" + large + "}:waiting"));

			// Warm up both paths, then measure each size alternately.
			measureStatus(queue, small, smallLine, 2_000);
			measureStatus(queue, large, largeLine, 2_000);
			long[] smallStatus = measureStatus(queue, small, smallLine, 10_000);
			long[] largeStatus = measureStatus(queue, large, largeLine, 10_000);
			long[] smallIssue = measureIssue(queue, small, 5_000);
			long[] largeIssue = measureIssue(queue, large, 5_000);

			System.out.printf("%nQUEUE SCALE (Redis on 127.0.0.1, one client thread, latency of one call)%n");
			System.out.printf("filled %,d waiting users in %.1f s (%,.0f enters/s with 64 concurrent callers)%n", users,
					fillSeconds, users / fillSeconds);
			System.out.printf("%-22s %12s %12s %8s%n", "", "1,000 waiting", String.format("%,d waiting", users),
					"ratio");
			row("status p50 (us)", smallStatus, largeStatus, 50);
			row("status p95 (us)", smallStatus, largeStatus, 95);
			row("status p99 (us)", smallStatus, largeStatus, 99);
			row("issue p95 (us)", smallIssue, largeIssue, 95);
			System.out.printf(
					"memory per waiting user: %.0f bytes (INFO used_memory), %.0f bytes (MEMORY USAGE of the line)%n",
					(after - before) / (double) users, waitingKeyBytes / (double) users);
		}
		finally {
			clean(redis);
			connection.destroy();
		}
	}

	private List<UserId> fill(RedisWaitingQueue queue, ConcertId concert, int count) throws Exception {
		List<UserId> users = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			users.add(new UserId(UUID.randomUUID()));
		}
		Semaphore inFlight = new Semaphore(64);
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (UserId user : users) {
				inFlight.acquire();
				pool.submit(() -> {
					try {
						this.entries.put(user, queue.enter(concert, user, Instant.EPOCH, this.now).entry());
					}
					finally {
						inFlight.release();
					}
				});
			}
		}
		return users;
	}

	private long[] measureStatus(RedisWaitingQueue queue, ConcertId concert, List<UserId> users, int calls) {
		long[] nanos = new long[calls];
		for (int i = 0; i < calls; i++) {
			UserId user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
			long t = System.nanoTime();
			queue.standing(concert, user, this.entries.get(user), this.now);
			nanos[i] = System.nanoTime() - t;
		}
		return nanos;
	}

	private long[] measureIssue(RedisWaitingQueue queue, ConcertId concert, int calls) {
		long[] nanos = new long[calls];
		for (int i = 0; i < calls; i++) {
			UserId user = new UserId(UUID.randomUUID());
			long t = System.nanoTime();
			queue.enter(concert, user, Instant.EPOCH, this.now);
			nanos[i] = System.nanoTime() - t;
		}
		return nanos;
	}

	private static void row(String name, long[] small, long[] large, int percentile) {
		double a = percentile(small, percentile) / 1000.0;
		double b = percentile(large, percentile) / 1000.0;
		System.out.printf("%-22s %12.0f %12.0f %8.2f%n", name, a, b, b / a);
	}

	private static long percentile(long[] values, int p) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[(int) Math.ceil(p / 100.0 * sorted.length) - 1];
	}

	private static long usedMemory(StringRedisTemplate redis) {
		Properties info = redis.execute((RedisCallback<Properties>) (c) -> c.serverCommands().info("memory"));
		return Long.parseLong(info.getProperty("used_memory"));
	}

	private static void clean(StringRedisTemplate redis) {
		Set<String> keys = redis.keys(PREFIX + "*");
		if (keys != null && !keys.isEmpty()) {
			for (List<String> batch : partition(new ArrayList<>(keys))) {
				redis.delete(batch);
			}
		}
	}

	private static List<List<String>> partition(List<String> keys) {
		List<List<String>> batches = new ArrayList<>();
		for (int i = 0; i < keys.size(); i += 1000) {
			batches.add(keys.subList(i, Math.min(keys.size(), i + 1000)));
		}
		return batches;
	}

}
