package dev.ticketing.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.UserId;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract against the real Redis on 127.0.0.1, under a key prefix of this class's
 * own; plus two adapters on separate connections standing in for two instances.
 */
class RedisWaitingQueueContractTests extends WaitingQueueContract {

	static final String PREFIX = "test:queue-contract:" + UUID.randomUUID() + ":";

	static LettuceConnectionFactory first;

	static LettuceConnectionFactory second;

	@BeforeAll
	static void connect() {
		first = connection();
		second = connection();
	}

	@AfterEach
	void removeKeys() {
		StringRedisTemplate redis = new StringRedisTemplate(first);
		Set<String> keys = redis.keys(PREFIX + "*");
		if (keys != null && !keys.isEmpty()) {
			redis.delete(keys);
		}
	}

	@AfterAll
	static void disconnect() {
		first.destroy();
		second.destroy();
	}

	@Override
	WaitingQueue queue(QueueProperties settings) {
		return adapter(first, settings);
	}

	@Test
	void twoInstancesPromotingAtOnceNeverAdmitMoreThanTheCap() throws Exception {
		int cap = 10;
		QueueProperties settings = settings(cap).build();
		List<WaitingQueue> instances = List.of(adapter(first, settings), adapter(second, settings));
		StringRedisTemplate redis = new StringRedisTemplate(first);
		String active = PREFIX + "queue:{" + this.concert + "}:active";
		CountDownLatch start = new CountDownLatch(1);
		List<Long> seen = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
			List<Future<Long>> results = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				WaitingQueue instance = instances.get(i % 2);
				results.add(pool.submit(() -> {
					start.await();
					UserId user = new UserId(UUID.randomUUID());
					instance.enter(this.concert, user, Instant.EPOCH, this.now);
					instance.refill(this.now);
					long count = redis.opsForZSet().zCard(active);
					instance.release(this.concert, user, this.now);
					return count;
				}));
			}
			start.countDown();
			for (Future<Long> result : results) {
				seen.add(result.get());
			}
		}
		assertThat(seen).allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(cap));
		assertThat(seen).contains((long) cap);
	}

	@Test
	void instancesSharingOneRedisAgreeOnEveryEntry() {
		WaitingQueue one = adapter(first, settings(1).build());
		WaitingQueue other = adapter(second, settings(1).build());
		List<UserId> users = users(2);
		long active = one.enter(this.concert, users.get(0), Instant.EPOCH, this.now).entry();
		long waiting = other.enter(this.concert, users.get(1), Instant.EPOCH, this.now).entry();
		assertThat(other.admit(this.concert, users.get(0), active, this.now).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(one.standing(this.concert, users.get(1), waiting, this.now).place()).isEqualTo(waiting(1));
		other.leave(this.concert, users.get(0), active, this.now);
		assertThat(one.admit(this.concert, users.get(1), waiting, this.now).state()).isEqualTo(QueueState.ACTIVE);
	}

	@Test
	void anAdmissionRecordedBeforeEntriesWereKeptHasAnEntryOfItsOwn() {
		WaitingQueue queue = queue(settings(1).build());
		UserId user = new UserId(UUID.randomUUID());
		long entered = enter(queue, user, this.now).entry();
		// What the script wrote before it kept entries: the time of admission alone.
		new StringRedisTemplate(first).opsForHash()
			.put(PREFIX + "queue:{" + this.concert + "}:admitted", RedisWaitingQueue.member(user),
					Long.toString(this.now.toEpochMilli()));
		assertThat(queue.admit(this.concert, user, entered, this.now).state()).isEqualTo(QueueState.EXPIRED);
		long upgraded = enter(queue, user, this.now).entry();
		assertThat(upgraded).isNotEqualTo(entered);
		assertThat(queue.admit(this.concert, user, upgraded, this.now).place()).isEqualTo(active(this.now.plus(IDLE)));
		leave(queue, user, this.now);
		assertThat(enter(queue, user, this.now).entry()).isNotEqualTo(upgraded);
		assertRefused(queue, user, upgraded, this.now);
	}

	@Test
	void theRefillTimerVisitsOnlyConcertsWithALine() {
		WaitingQueue queue = queue(settings(1).build());
		StringRedisTemplate redis = new StringRedisTemplate(first);
		String registry = PREFIX + "queue:concerts";
		List<UserId> users = users(2);
		enter(queue, users.get(0), this.now);
		enter(queue, users.get(1), this.now);
		queue.refill(this.now);
		assertThat(redis.opsForSet().isMember(registry, this.concert.toString())).as("one waits").isTrue();

		leave(queue, users.get(0), this.now);
		queue.refill(this.now);
		assertThat(redis.opsForSet().isMember(registry, this.concert.toString()))
			.as("nobody waits: the timer forgets the concert")
			.isFalse();
		String meta = PREFIX + "queue:{" + this.concert + "}:meta";
		Object admissions = redis.opsForHash().get(meta, "admissions");
		queue.refill(this.now.plus(IDLE));
		assertThat(redis.opsForHash().get(meta, "admissions")).isEqualTo(admissions);

		enter(queue, new UserId(UUID.randomUUID()), this.now);
		assertThat(redis.opsForSet().isMember(registry, this.concert.toString())).as("entering brings it back")
			.isTrue();
	}

	@Test
	void twoInstancesSeeOneAdaptiveLimitAndAdmitByIt() {
		QueueProperties settings = settings(20).adaptiveFrom(2, ADAPTIVE).build();
		WaitingQueue one = adapter(first, settings);
		WaitingQueue other = adapter(second, settings);
		List<UserId> users = users(30);
		users.forEach((u) -> enter(one, u, this.now));
		Instant t = this.now;
		for (int i = 0; i < 4; i++) {
			t = t.plus(ADAPTIVE.interval());
			poll(other, users, t);
			one.adapt(this.concert, "one", FAST, t);
			other.adapt(this.concert, "other", FAST, t.plusMillis(1));
		}
		QueueSize seenByOne = one.size(this.concert, t);
		assertThat(other.size(this.concert, t)).isEqualTo(seenByOne);
		assertThat(seenByOne.limit()).isGreaterThan(2).isLessThanOrEqualTo(20);
		assertThat(seenByOne.active()).isEqualTo(seenByOne.limit());
		UserId late = new UserId(UUID.randomUUID());
		assertThat(other.enter(this.concert, late, Instant.EPOCH, t).state())
			.as("the other instance admits by the same limit")
			.isEqualTo(QueueState.WAITING);
	}

	private static QueueSettings settings(int maxActive) {
		return QueueSettings.of(maxActive, TTL, IDLE, GRACE, 0).onRedis();
	}

	private static WaitingQueue adapter(LettuceConnectionFactory connection, QueueProperties settings) {
		return new RedisWaitingQueue(new StringRedisTemplate(connection), PREFIX, settings);
	}

	private static LettuceConnectionFactory connection() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
