package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link WaitingQueue} adapter must do. Each adapter's test class extends
 * this, so the in-process queue of the embedded mode cannot drift from the Redis one.
 */
abstract class WaitingQueueContract {

	static final Duration TTL = Duration.ofMinutes(10);

	final Instant now = Instant.parse("2026-05-01T10:00:00Z");

	final ConcertId concert = new ConcertId(UUID.randomUUID());

	/** A fresh, empty queue admitting at most {@code maxActive} per concert. */
	abstract WaitingQueue queue(int maxActive);

	@Test
	void admitsFirstComersUpToTheCapAndLinesUpTheRestInArrivalOrder() {
		WaitingQueue queue = queue(2);
		List<UserId> users = users(5);
		List<String> secrets = new ArrayList<>();
		for (UserId user : users) {
			secrets.add(queue.enter(this.concert, user, QueueToken.newSecret(), this.now));
		}
		assertThat(standing(queue, users.get(0), secrets.get(0)).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(standing(queue, users.get(1), secrets.get(1)).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(standing(queue, users.get(2), secrets.get(2))).isEqualTo(Standing.waiting(1));
		assertThat(standing(queue, users.get(3), secrets.get(3))).isEqualTo(Standing.waiting(2));
		assertThat(standing(queue, users.get(4), secrets.get(4))).isEqualTo(Standing.waiting(3));
		assertThat(queue.activeCount(this.concert, this.now)).isEqualTo(2);
	}

	@Test
	void activeUntilIsAdmissionTimePlusTheTtl() {
		WaitingQueue queue = queue(1);
		UserId user = new UserId(UUID.randomUUID());
		String secret = queue.enter(this.concert, user, QueueToken.newSecret(), this.now);
		assertThat(standing(queue, user, secret)).isEqualTo(Standing.active(this.now.plus(TTL)));
	}

	@Test
	void enteringAgainKeepsTheSameSecretAndPlace() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		for (UserId user : users) {
			queue.enter(this.concert, user, QueueToken.newSecret(), this.now);
		}
		String first = queue.enter(this.concert, users.get(1), "ignored-when-a-secret-exists", this.now);
		String again = queue.enter(this.concert, users.get(1), QueueToken.newSecret(), this.now.plusSeconds(1));
		assertThat(again).isEqualTo(first);
		assertThat(standing(queue, users.get(1), again)).isEqualTo(Standing.waiting(1));
		assertThat(standing(queue, users.get(2), queue.enter(this.concert, users.get(2), "x", this.now)))
			.isEqualTo(Standing.waiting(2));
	}

	@Test
	void refusesAStandingForAWrongSecretOrAnUnknownUser() {
		WaitingQueue queue = queue(1);
		UserId user = new UserId(UUID.randomUUID());
		queue.enter(this.concert, user, QueueToken.newSecret(), this.now);
		assertThat(queue.standing(this.concert, user, QueueToken.newSecret(), this.now)).isEmpty();
		assertThat(queue.standing(this.concert, new UserId(UUID.randomUUID()), QueueToken.newSecret(), this.now))
			.isEmpty();
	}

	@Test
	void aSecretOfOneConcertIsUnknownInAnother() {
		WaitingQueue queue = queue(1);
		UserId user = new UserId(UUID.randomUUID());
		String secret = queue.enter(this.concert, user, QueueToken.newSecret(), this.now);
		ConcertId other = new ConcertId(UUID.randomUUID());
		queue.enter(other, new UserId(UUID.randomUUID()), QueueToken.newSecret(), this.now);
		assertThat(queue.standing(other, user, secret, this.now)).isEmpty();
	}

	@Test
	void leavingFreesTheSlotForTheNextInLineAtOnce() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		List<String> secrets = users.stream()
			.map((u) -> queue.enter(this.concert, u, QueueToken.newSecret(), this.now))
			.toList();
		queue.leave(this.concert, users.get(0), this.now);
		assertThat(standing(queue, users.get(0), secrets.get(0)).state()).isEqualTo(QueueState.EXPIRED);
		assertThat(standing(queue, users.get(1), secrets.get(1)).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(standing(queue, users.get(2), secrets.get(2))).isEqualTo(Standing.waiting(1));
	}

	@Test
	void aWaitingUserWhoLeavesNoLongerHoldsAPlace() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		List<String> secrets = users.stream()
			.map((u) -> queue.enter(this.concert, u, QueueToken.newSecret(), this.now))
			.toList();
		queue.leave(this.concert, users.get(1), this.now);
		assertThat(standing(queue, users.get(2), secrets.get(2))).isEqualTo(Standing.waiting(1));
	}

	@Test
	void anAdmissionPastItsTtlExpiresAndItsSlotGoesToTheNextInLine() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		List<String> secrets = users.stream()
			.map((u) -> queue.enter(this.concert, u, QueueToken.newSecret(), this.now))
			.toList();
		Instant later = this.now.plus(TTL);
		assertThat(queue.standing(this.concert, users.get(0), secrets.get(0), later)).contains(Standing.expired());
		assertThat(queue.standing(this.concert, users.get(1), secrets.get(1), later))
			.contains(Standing.active(later.plus(TTL)));
	}

	@Test
	void refillAdmitsTheNextInLineWithoutAnyoneAsking() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		List<String> secrets = users.stream()
			.map((u) -> queue.enter(this.concert, u, QueueToken.newSecret(), this.now))
			.toList();
		Instant later = this.now.plus(TTL).plusSeconds(1);
		queue.refill(later);
		assertThat(queue.activeCount(this.concert, later)).isEqualTo(1);
		assertThat(queue.standing(this.concert, users.get(1), secrets.get(1), later))
			.contains(Standing.active(later.plus(TTL)));
	}

	@Test
	void anExpiredUserWhoEntersAgainGoesToTheBackOfTheLine() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> queue.enter(this.concert, u, QueueToken.newSecret(), this.now));
		queue.leave(this.concert, users.get(0), this.now);
		String secret = queue.enter(this.concert, users.get(0), QueueToken.newSecret(), this.now);
		assertThat(standing(queue, users.get(0), secret)).isEqualTo(Standing.waiting(2));
	}

	@Test
	void concurrentEntriesAndLeavesNeverAdmitMoreThanTheCap() throws Exception {
		int cap = 5;
		WaitingQueue queue = queue(cap);
		int users = 300;
		AtomicLong maxSeen = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < users; i++) {
				done.add(pool.submit(() -> {
					start.await();
					UserId user = new UserId(UUID.randomUUID());
					String secret = queue.enter(this.concert, user, QueueToken.newSecret(), this.now);
					maxSeen.accumulateAndGet(queue.activeCount(this.concert, this.now), Math::max);
					if (queue.standing(this.concert, user, secret, this.now)
						.orElseThrow()
						.state() == QueueState.ACTIVE) {
						queue.leave(this.concert, user, this.now);
					}
					maxSeen.accumulateAndGet(queue.activeCount(this.concert, this.now), Math::max);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> f : done) {
				f.get();
			}
		}
		assertThat(maxSeen.get()).isLessThanOrEqualTo(cap).isPositive();
		assertThat(queue.activeCount(this.concert, this.now)).isLessThanOrEqualTo(cap);
	}

	Standing standing(WaitingQueue queue, UserId user, String secret) {
		return queue.standing(this.concert, user, secret, this.now).orElseThrow();
	}

	static List<UserId> users(int count) {
		List<UserId> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			users.add(new UserId(UUID.randomUUID()));
		}
		return users;
	}

}
