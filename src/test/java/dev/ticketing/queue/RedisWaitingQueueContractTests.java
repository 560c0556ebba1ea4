package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;
import dev.ticketing.support.RedisUnderTest;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the {@link WaitingQueue} must do, against the real Redis on 127.0.0.1 under a key
 * prefix of this class's own (the embedded mode runs the same script on a Redis of its
 * own); plus adapters on separate connections standing in for two instances. Time is
 * passed in, never slept through.
 */
class RedisWaitingQueueContractTests {

	static final String PREFIX = "test:queue-contract:" + UUID.randomUUID() + ":";

	static LettuceConnectionFactory first;

	static LettuceConnectionFactory second;

	@BeforeAll
	static void connect(TestInfo test) {
		first = RedisUnderTest.connect(test.getTestClass().orElseThrow());
		second = RedisUnderTest.connect(test.getTestClass().orElseThrow());
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

	static final Duration TTL = Duration.ofMinutes(10);

	static final Duration IDLE = Duration.ofMinutes(2);

	static final Duration GRACE = Duration.ofMinutes(5);

	static final QueueProperties.Adaptive ADAPTIVE = new QueueProperties.Adaptive(Duration.ofMillis(100),
			Duration.ofSeconds(5), 0.01, 0.9);

	static final Health FAST = new Health(20, 100, 0, 0);

	static final Health SLOW = new Health(1_000, 100, 0, 0);

	/** The idle timeout while others wait, where a test sets one. */
	static final Duration PRESSED = Duration.ofSeconds(10);

	/** A waiting user is here this long after a call ({@code QueueProperties.of}). */
	static final Duration PRESENCE = Duration.ofSeconds(5);

	/** Long enough for a silent waiter to be away. */
	static final Duration AWAY = PRESENCE.multipliedBy(2);

	/** Redis notices a silent waiter at most a quarter of the grace later. */
	static final Duration GRACE_SLACK = GRACE.dividedBy(4);

	final Instant now = Instant.parse("2026-05-01T10:00:00Z");

	final ConcertId concert = new ConcertId(UUID.randomUUID());

	/** Each user's last entry, as the user's token carries it. */
	final Map<UserId, Long> entries = new ConcurrentHashMap<>();

	/** ACTIVE users of the concert, counted without changing anything. */
	long active(WaitingQueue queue, Instant at) {
		return queue.size(this.concert, at).active();
	}

	/** A fresh, empty queue with these settings. */
	WaitingQueue queue(int maxActive) {
		return queue(QueueSettings.of(maxActive, TTL, IDLE, GRACE, 0).build());
	}

	@Test
	void admitsFirstComersUpToTheCapAndLinesUpTheRestInArrivalOrder() {
		WaitingQueue queue = queue(2);
		List<UserId> users = users(5);
		List<Standing> entered = users.stream().map((u) -> enter(queue, u, this.now)).toList();
		assertThat(entered.get(0).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(entered.get(1).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(entered.get(2).place()).isEqualTo(waiting(1));
		assertThat(place(queue, users.get(3), this.now)).isEqualTo(waiting(2));
		assertThat(place(queue, users.get(4), this.now)).isEqualTo(waiting(3));
		assertThat(active(queue, this.now)).isEqualTo(2);
	}

	@Test
	void anAdmissionLastsTheIdleTimeoutFromAdmission() {
		WaitingQueue queue = queue(1);
		UserId user = new UserId(UUID.randomUUID());
		assertThat(enter(queue, user, this.now).place()).isEqualTo(active(this.now.plus(IDLE)));
	}

	@Test
	void aBookingCallRestartsTheIdleTimerButNeverPastTheActiveTtl() {
		WaitingQueue queue = queue(1);
		UserId user = new UserId(UUID.randomUUID());
		enter(queue, user, this.now);
		Instant later = this.now.plus(Duration.ofMinutes(1));
		assertThat(admit(queue, user, later).place()).isEqualTo(active(later.plus(IDLE)));
		Instant nearTheEnd = this.now.plus(TTL).minus(Duration.ofSeconds(30));
		for (Instant t = later; t.isBefore(nearTheEnd); t = t.plus(Duration.ofMinutes(1))) {
			admit(queue, user, t);
		}
		assertThat(admit(queue, user, nearTheEnd).activeUntil()).isEqualTo(this.now.plus(TTL));
		assertThat(admit(queue, user, this.now.plus(TTL)).state()).isEqualTo(QueueState.EXPIRED);
	}

	@Test
	void polledStatusDoesNotRestartTheIdleTimer() {
		WaitingQueue queue = queue(1);
		UserId user = new UserId(UUID.randomUUID());
		enter(queue, user, this.now);
		assertThat(standing(queue, user, this.now.plus(Duration.ofMinutes(1))).activeUntil())
			.isEqualTo(this.now.plus(IDLE));
	}

	@Test
	void anIdleAdmissionExpiresAndItsSlotGoesToTheNextInLine() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant later = this.now.plus(IDLE);
		assertThat(place(queue, users.get(0), later)).isEqualTo(Standing.expired(0));
		assertThat(place(queue, users.get(1), later)).isEqualTo(active(later.plus(IDLE)));
	}

	@Test
	void whileOthersWaitAnAdmissionWithoutABookingCallGivesItsSlotUpAfterTheShorterTimeout() {
		WaitingQueue queue = queue(
				QueueSettings.of(1, TTL, IDLE, GRACE, 0).withIdleTimeoutWhileWaiting(PRESSED).build());
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant almost = this.now.plus(PRESSED).minusMillis(1);
		assertThat(place(queue, users.get(1), almost)).isEqualTo(waiting(1));

		Instant later = this.now.plus(PRESSED);
		assertThat(place(queue, users.get(1), later)).isEqualTo(active(later.plus(IDLE)));
		assertThat(place(queue, users.get(0), later)).isEqualTo(Standing.expired(0));
	}

	@Test
	void whileOthersWaitAUserStillMakingBookingCallsKeepsTheSlot() {
		WaitingQueue queue = queue(
				QueueSettings.of(1, TTL, IDLE, GRACE, 0).withIdleTimeoutWhileWaiting(PRESSED).build());
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant t = this.now;
		for (int i = 0; i < 30; i++) {
			t = t.plus(PRESSED).minusMillis(1);
			assertThat(admit(queue, users.get(0), t).state()).isEqualTo(QueueState.ACTIVE);
			assertThat(standing(queue, users.get(1), t).place()).isEqualTo(waiting(1));
		}
	}

	@Test
	void withNobodyWaitingAnIdleAdmissionKeepsTheWholeIdleTimeout() {
		WaitingQueue queue = queue(
				QueueSettings.of(2, TTL, IDLE, GRACE, 0).withIdleTimeoutWhileWaiting(PRESSED).build());
		UserId user = new UserId(UUID.randomUUID());
		enter(queue, user, this.now);
		queue.refill(this.now.plus(PRESSED.multipliedBy(3)));
		Instant later = this.now.plus(IDLE).minusMillis(1);
		assertThat(admit(queue, user, later).place()).isEqualTo(active(later.plus(IDLE)));
	}

	@Test
	void enteringAgainKeepsThePlace() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> enter(queue, u, this.now));
		assertThat(enter(queue, users.get(1), this.now.plusSeconds(1)).place()).isEqualTo(waiting(1));
		assertThat(place(queue, users.get(2), this.now.plusSeconds(1))).isEqualTo(waiting(2));
		assertThat(active(queue, this.now)).isEqualTo(1);
	}

	@Test
	void aUserWhoNeverQueuedHasExpiredStanding() {
		WaitingQueue queue = queue(1);
		enter(queue, new UserId(UUID.randomUUID()), this.now);
		assertThat(place(queue, new UserId(UUID.randomUUID()), this.now)).isEqualTo(Standing.expired(0));
		assertThat(queue.standing(new ConcertId(UUID.randomUUID()), new UserId(UUID.randomUUID()), 1, this.now).state())
			.isEqualTo(QueueState.EXPIRED);
	}

	@Test
	void leavingFreesTheSlotForTheNextInLineAtOnce() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> enter(queue, u, this.now));
		leave(queue, users.get(0), this.now);
		assertThat(place(queue, users.get(0), this.now)).isEqualTo(Standing.expired(0));
		assertThat(place(queue, users.get(1), this.now).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(place(queue, users.get(2), this.now)).isEqualTo(waiting(1));
	}

	@Test
	void aWaitingUserWhoLeavesNoLongerHoldsAPlace() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> enter(queue, u, this.now));
		leave(queue, users.get(1), this.now);
		assertThat(place(queue, users.get(1), this.now)).isEqualTo(Standing.expired(0));
		assertThat(place(queue, users.get(2), this.now)).isEqualTo(waiting(1));
	}

	@Test
	void refillAdmitsTheNextInLineWithoutAnyoneAsking() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant later = this.now.plus(IDLE).plusSeconds(1);
		poll(queue, users.subList(1, 2), later.minusSeconds(2));
		queue.refill(later);
		assertThat(active(queue, later)).isEqualTo(1);
		assertThat(admit(queue, users.get(1), later).state()).isEqualTo(QueueState.ACTIVE);
	}

	@Test
	void anExpiredUserWhoEntersAgainGoesToTheBackOfTheLine() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> enter(queue, u, this.now));
		leave(queue, users.get(0), this.now);
		assertThat(enter(queue, users.get(0), this.now).place()).isEqualTo(waiting(2));
	}

	@Test
	void aWaitingUserWhoKeepsPollingKeepsThePlace() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant end = this.now.plus(TTL).minusSeconds(1);
		for (Instant t = this.now; t.isBefore(end); t = t.plus(Duration.ofMinutes(1))) {
			admit(queue, users.get(0), t);
			assertThat(place(queue, users.get(1), t)).isEqualTo(waiting(1));
		}
	}

	@Test
	void aCallCarryingAnEarlierTimeDoesNotDropAUserWhoEnteredAfterIt() {
		// Each instance reads the time before its call waits for the store, so a call can
		// reach the queue after a user who entered later than the time it carries; across
		// the start of a new slice of the grace, that user's only sign of life is newer
		// than the call.
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		long slice = GRACE_SLACK.toMillis();
		Instant nextSlice = Instant.ofEpochMilli((this.now.toEpochMilli() / slice + 1) * slice);
		enter(queue, users.get(0), nextSlice.minusSeconds(10));
		Instant entered = nextSlice.plusMillis(5);
		enter(queue, users.get(1), entered);
		queue.refill(nextSlice.minusMillis(5));
		admit(queue, users.get(0), nextSlice.minusMillis(5));
		assertThat(place(queue, users.get(1), entered.plusMillis(5))).isEqualTo(waiting(1));
	}

	@Test
	void aWaitingUserWhoStopsPollingDropsOutAfterTheGraceAndNeverGetsASlot() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant stillThere = this.now.plus(GRACE).minusSeconds(1);
		for (Instant t = this.now; t.isBefore(stillThere); t = t.plus(Duration.ofMinutes(1))) {
			admit(queue, users.get(0), t);
		}
		admit(queue, users.get(0), stillThere);
		assertThat(place(queue, users.get(2), stillThere)).isEqualTo(waiting(2));

		Instant gone = this.now.plus(GRACE).plus(GRACE_SLACK).plusSeconds(1);
		admit(queue, users.get(0), stillThere.plus(Duration.ofMinutes(1)));
		queue.refill(gone);
		assertThat(place(queue, users.get(2), gone)).as("the silent user ahead no longer counts").isEqualTo(waiting(1));
		leave(queue, users.get(0), gone);
		assertThat(place(queue, users.get(1), gone)).isEqualTo(Standing.expired(0));
		assertThat(place(queue, users.get(2), gone).state()).isEqualTo(QueueState.ACTIVE);
	}

	@Test
	void beforeTheSaleOpensNobodyIsAdmittedAndPositionsAreUnknown() {
		WaitingQueue queue = queue(5);
		Instant opening = this.now.plus(Duration.ofMinutes(3));
		List<UserId> users = users(3);
		for (UserId user : users) {
			Standing standing = enter(queue, user, opening, this.now);
			assertThat(standing.place()).isEqualTo(waiting(Standing.UNKNOWN));
		}
		assertThat(active(queue, this.now)).isZero();
		poll(queue, users, opening.minusSeconds(1));
		assertThat(active(queue, opening.minusSeconds(1))).isZero();
		queue.refill(opening);
		assertThat(active(queue, opening)).isEqualTo(3);
	}

	@Test
	void thePreQueueIsShuffledAtTheOpeningAndAdmittedBeforeLaterComers() {
		WaitingQueue queue = queue(1);
		Instant opening = this.now.plus(Duration.ofMinutes(1));
		List<UserId> early = users(60);
		for (int i = 0; i < early.size(); i++) {
			enter(queue, early.get(i), opening, this.now.plusMillis(i));
		}
		// Waiting for the opening, they poll more often as it nears.
		poll(queue, early, opening.minusSeconds(1));
		List<UserId> late = users(3);
		for (int i = 0; i < late.size(); i++) {
			enter(queue, late.get(i), opening, opening.plusMillis(i));
		}
		Instant t = opening.plusSeconds(1);
		long[] earlyPositions = new long[early.size()];
		for (int i = 0; i < early.size(); i++) {
			earlyPositions[i] = standing(queue, early.get(i), t).position();
		}
		long[] lateWaiting = late.stream().mapToLong((u) -> standing(queue, u, t).position()).toArray();
		assertThat(Arrays.stream(earlyPositions).max().orElseThrow()).as("every early user is ahead of later comers")
			.isLessThan(Arrays.stream(lateWaiting).min().orElseThrow());
		assertThat(lateWaiting).as("later comers are first come, first served").isSorted();
		long[] arrivalOrder = earlyPositions.clone();
		Arrays.sort(arrivalOrder);
		assertThat(earlyPositions).as("the pre-queue is not in arrival order (1 in 60! by chance)")
			.isNotEqualTo(arrivalOrder);
	}

	@Test
	void admitsNoFasterThanTheAdmissionRate() {
		WaitingQueue queue = queue(QueueSettings.of(100, TTL, IDLE, GRACE, 2).build());
		List<UserId> users = users(10);
		users.forEach((u) -> enter(queue, u, this.now));
		assertThat(active(queue, this.now)).isEqualTo(1);
		queue.refill(this.now.plusMillis(1000));
		assertThat(active(queue, this.now.plusMillis(1000))).isEqualTo(3);
		queue.refill(this.now.plusMillis(2000));
		assertThat(active(queue, this.now.plusMillis(2000))).isEqualTo(5);
		poll(queue, users.subList(5, 10), this.now.plusSeconds(60));
		assertThat(active(queue, this.now.plusSeconds(60))).as("bursts are capped at one second's worth").isEqualTo(7);
	}

	@Test
	void measuresTheAdmissionRate() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(200);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant t = this.now;
		for (int i = 0; i < 120; i++) {
			t = t.plusMillis(500);
			poll(queue, users.subList(i + 1, i + 2), t);
			leave(queue, users.get(i), t);
		}
		// Two admissions a second for a minute: the weighted average is near, and below,
		// 2.
		assertThat(standing(queue, users.get(199), t).admissionsPerSecond()).isBetween(1.0, 2.0);
	}

	@Test
	void concurrentEntriesAndLeavesNeverAdmitMoreThanTheCap() throws Exception {
		int cap = 5;
		WaitingQueue queue = queue(cap);
		AtomicLong maxSeen = new AtomicLong();
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
			List<Future<?>> done = new ArrayList<>();
			for (int i = 0; i < 300; i++) {
				done.add(pool.submit(() -> {
					start.await();
					UserId user = new UserId(UUID.randomUUID());
					Standing standing = enter(queue, user, this.now);
					maxSeen.accumulateAndGet(active(queue, this.now), Math::max);
					if (standing.state() == QueueState.ACTIVE) {
						leave(queue, user, this.now);
					}
					maxSeen.accumulateAndGet(active(queue, this.now), Math::max);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> f : done) {
				f.get();
			}
		}
		assertThat(maxSeen.get()).isLessThanOrEqualTo(cap).isPositive();
		assertThat(active(queue, this.now)).isLessThanOrEqualTo(cap);
	}

	@Test
	void countingNeitherExpiresNorAdmitsAnyoneAndTheRefillDoes() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant later = this.now.plus(IDLE);
		poll(queue, users.subList(1, 2), later.minusSeconds(1));

		QueueSize counted = queue.size(this.concert, later);
		assertThat(counted.active()).as("the run-out admission is not counted").isZero();
		assertThat(counted.waiting()).as("nor is the next one admitted by counting").isOne();
		assertThat(queue.size(this.concert, later)).isEqualTo(counted);
		assertThat(counted.admissions()).isOne();

		queue.refill(later);
		assertThat(queue.size(this.concert, later).active()).isOne();
		assertThat(queue.size(this.concert, later).waiting()).isZero();
		assertThat(queue.size(this.concert, later).admissions()).isEqualTo(2);
	}

	@Test
	void theRefillLeavesALineNobodyWaitsInAlone() {
		WaitingQueue queue = queue(2);
		UserId user = new UserId(UUID.randomUUID());
		enter(queue, user, this.now);
		queue.refill(this.now.plus(IDLE));
		// Nothing to admit: the run-out admission is left for the next call on the line,
		// which never counts it.
		assertThat(queue.size(this.concert, this.now.plus(IDLE)).active()).isZero();
		assertThat(place(queue, user, this.now.plus(IDLE))).isEqualTo(Standing.expired(0));
	}

	@Test
	void sizeCountsWaitingAndActiveUsersAndEveryAdmission() {
		WaitingQueue queue = queue(2);
		assertThat(queue.size(this.concert, this.now)).isEqualTo(QueueSize.empty(2));
		List<UserId> users = users(5);
		users.forEach((u) -> enter(queue, u, this.now));
		assertThat(queue.size(this.concert, this.now)).isEqualTo(new QueueSize(3, 2, 2, 2, 0, 2));
		leave(queue, users.get(0), this.now);
		assertThat(queue.size(this.concert, this.now)).as("the next in line takes the freed slot")
			.isEqualTo(new QueueSize(2, 2, 3, 3, 0, 2));
		leave(queue, users.get(4), this.now);
		assertThat(queue.size(this.concert, this.now)).isEqualTo(new QueueSize(1, 2, 3, 3, 0, 2));
		assertThat(queue.size(new ConcertId(UUID.randomUUID()), this.now)).isEqualTo(QueueSize.empty(2));
	}

	@Test
	void sizeSumsTheWaitFromEnteringToAdmission() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		enter(queue, users.get(0), this.now);
		enter(queue, users.get(1), this.now.plusSeconds(1));
		enter(queue, users.get(2), this.now.plusSeconds(2));
		poll(queue, users.subList(1, 3), this.now.plusSeconds(30));
		leave(queue, users.get(0), this.now.plusSeconds(30));
		assertThat(queue.size(this.concert, this.now.plusSeconds(30))).as("one admitted at once, one after 29 s")
			.isEqualTo(new QueueSize(1, 1, 2, 2, 29_000, 1));
		poll(queue, users.subList(2, 3), this.now.plusSeconds(50));
		leave(queue, users.get(1), this.now.plusSeconds(50));
		assertThat(queue.size(this.concert, this.now.plusSeconds(50))).isEqualTo(new QueueSize(0, 1, 3, 3, 77_000, 1));
	}

	@Test
	void sizeCountsRunOutAdmissionsNoLongerAndAdmitsNobody() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant later = this.now.plus(IDLE);
		assertThat(queue.size(this.concert, later)).as("the idle admission has run out; nobody took its slot yet")
			.isEqualTo(new QueueSize(1, 0, 1, 1, 0, 1));
		assertThat(place(queue, users.get(1), later).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(queue.size(this.concert, later)).isEqualTo(new QueueSize(0, 1, 2, 2, IDLE.toMillis(), 1));
	}

	@Test
	void theAdaptiveLimitStartsAtMinActiveRisesOnAFastPathToMaxActiveAndFallsOnASlowOne() {
		QueueProperties settings = QueueSettings.of(8, TTL, IDLE, GRACE, 0).adaptiveFrom(2, ADAPTIVE).build();
		WaitingQueue queue = queue(settings);
		List<UserId> users = users(20);
		users.forEach((u) -> enter(queue, u, this.now));
		assertThat(queue.size(this.concert, this.now).limit()).isEqualTo(2);
		assertThat(active(queue, this.now)).isEqualTo(2);

		Instant t = this.now;
		for (int i = 0; i < 10; i++) {
			t = t.plus(ADAPTIVE.interval());
			poll(queue, users, t);
			int limit = queue.adapt(this.concert, "one", FAST, t);
			assertThat(limit).isBetween(2, 8);
			assertThat(active(queue, t)).as("admitted up to the limit at once").isEqualTo(limit);
		}
		assertThat(queue.size(this.concert, t).limit()).isEqualTo(8);
		assertThat(active(queue, t)).as("never above max-active").isEqualTo(8);

		for (int i = 0; i < 10; i++) {
			t = t.plus(ADAPTIVE.interval());
			queue.adapt(this.concert, "one", SLOW, t);
		}
		assertThat(queue.size(this.concert, t).limit()).isEqualTo(2);
		assertThat(active(queue, t)).as("nobody admitted is turned out").isEqualTo(8);
		poll(queue, users.subList(8, 20), t);
		for (int i = 0; i < 6; i++) {
			leave(queue, users.get(i), t);
		}
		assertThat(active(queue, t)).as("and nobody admitted above the fallen limit").isEqualTo(2);
	}

	@Test
	void theAdaptiveLimitMovesOncePerIntervalFromEveryInstancesReport() {
		QueueProperties settings = QueueSettings.of(50, TTL, IDLE, GRACE, 0).adaptiveFrom(2, ADAPTIVE).build();
		WaitingQueue queue = queue(settings);
		List<UserId> users = users(30);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant t = this.now;
		for (int i = 0; i < 6; i++) {
			t = t.plus(ADAPTIVE.interval());
			poll(queue, users, t);
			queue.adapt(this.concert, "one", FAST, t);
		}
		int first = (int) queue.size(this.concert, t).limit();
		assertThat(first).isGreaterThan(10);
		assertThat(queue.adapt(this.concert, "one", FAST, t.plusMillis(1))).as("within the interval: no step")
			.isEqualTo(first);
		int before = queue.adapt(this.concert, "two", SLOW, t.plusMillis(2));
		int after = queue.adapt(this.concert, "one", FAST, t.plus(ADAPTIVE.interval()));
		assertThat(after).as("the slow instance's report of the interval counts").isLessThan(before);
	}

	@Test
	void aFreedSlotGoesToTheFirstWaitingUserWhoIsHereAndThoseAwayKeepTheirPlace() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(4);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant t = this.now.plus(AWAY);
		// users 1 and 2 gave up without saying so; user 3 still polls.
		poll(queue, users.subList(3, 4), t);
		leave(queue, users.get(0), t);
		assertThat(standing(queue, users.get(3), t).state()).as("the first who is here").isEqualTo(QueueState.ACTIVE);
		assertThat(active(queue, t)).isOne();

		Instant back = t.plusSeconds(1);
		assertThat(place(queue, users.get(1), back)).as("an away user kept the place").isEqualTo(waiting(1));
		leave(queue, users.get(3), back);
		assertThat(standing(queue, users.get(1), back).state()).as("and is next once back")
			.isEqualTo(QueueState.ACTIVE);
		assertThat(place(queue, users.get(2), back)).isEqualTo(waiting(1));
	}

	@Test
	void aWaitingUserWhoComesBackToAFreeSlotIsAdmittedAtTheirCall() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant t = this.now.plus(AWAY);
		leave(queue, users.get(0), t);
		assertThat(active(queue, t)).as("nobody here to take the slot").isZero();
		Instant back = t.plusSeconds(1);
		assertThat(standing(queue, users.get(2), back).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(place(queue, users.get(1), back)).isEqualTo(waiting(1));
		leave(queue, users.get(2), back);
		assertThat(standing(queue, users.get(1), back.plusSeconds(1)).state())
			.as("the line looks again from a user it had passed over")
			.isEqualTo(QueueState.ACTIVE);
	}

	@Test
	void aWaitingUserAwayLongerThanThePresenceIsPassedOverUntilTheGraceDropsThem() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		leave(queue, users.get(0), this.now.plus(AWAY));
		for (Instant t = this.now.plus(AWAY); t.isBefore(this.now.plus(GRACE)); t = t.plus(AWAY)) {
			queue.refill(t);
			assertThat(queue.size(this.concert, t)).as("passed over, still in line at %s", t)
				.isEqualTo(new QueueSize(1, 0, 1, 1, 0, 1));
		}
		Instant gone = this.now.plus(GRACE).plus(GRACE_SLACK).plusSeconds(1);
		queue.refill(gone);
		assertThat(queue.size(this.concert, gone).waiting()).isZero();
		assertThat(place(queue, users.get(1), gone)).isEqualTo(Standing.expired(0));
	}

	@Test
	void withFixedAdmissionTheLimitIsMaxActive() {
		WaitingQueue queue = queue(3);
		users(5).forEach((u) -> enter(queue, u, this.now));
		assertThat(queue.size(this.concert, this.now).limit()).isEqualTo(3);
	}

	@Test
	void enteringAgainDuringAnEntryKeepsItsNumber() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		long active = enter(queue, users.get(0), this.now).entry();
		long waiting = enter(queue, users.get(1), this.now).entry();
		assertThat(active).isNotZero().isNotEqualTo(waiting);
		assertThat(waiting).isNotZero();
		assertThat(enter(queue, users.get(0), this.now.plusSeconds(1)).entry()).isEqualTo(active);
		assertThat(enter(queue, users.get(1), this.now.plusSeconds(1)).entry()).isEqualTo(waiting);
	}

	@Test
	void anEntryKeepsItsNumberFromWaitingToAdmitted() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		long entry = this.entries.get(users.get(1));
		leave(queue, users.get(0), this.now);
		assertThat(queue.admit(this.concert, users.get(1), entry, this.now).place())
			.isEqualTo(active(this.now.plus(IDLE)));
		assertThat(queue.standing(this.concert, users.get(1), entry, this.now).entry()).isEqualTo(entry);
	}

	@Test
	void anEarlierEntryIsRefusedAfterLeavingAndEnteringAgain() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		long activeBefore = this.entries.get(users.get(0));
		long waitingBefore = this.entries.get(users.get(1));
		leave(queue, users.get(1), this.now);
		assertThat(enter(queue, users.get(1), this.now).entry()).isNotEqualTo(waitingBefore);
		leave(queue, users.get(0), this.now);
		assertThat(enter(queue, users.get(0), this.now).entry()).isNotEqualTo(activeBefore);

		assertRefused(queue, users.get(0), activeBefore, this.now);
		assertRefused(queue, users.get(1), waitingBefore, this.now);
		assertThat(place(queue, users.get(1), this.now).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(place(queue, users.get(0), this.now)).isEqualTo(waiting(1));
	}

	@Test
	void anEarlierEntryIsRefusedAfterItsAdmissionRanOut() {
		WaitingQueue queue = queue(1);
		UserId user = new UserId(UUID.randomUUID());
		long before = enter(queue, user, this.now).entry();
		Instant later = this.now.plus(IDLE);
		assertThat(enter(queue, user, later).place()).isEqualTo(active(later.plus(IDLE)));
		assertThat(this.entries.get(user)).isNotEqualTo(before);
		assertRefused(queue, user, before, later);
		assertThat(admit(queue, user, later).state()).isEqualTo(QueueState.ACTIVE);
	}

	@Test
	void anEarlierEntryIsRefusedAfterItsWaitingPlaceRanOut() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		long before = this.entries.get(users.get(1));
		Instant gone = this.now.plus(GRACE).plus(GRACE_SLACK).plusSeconds(1);
		for (Instant t = this.now; t.isBefore(gone); t = t.plus(Duration.ofMinutes(1))) {
			admit(queue, users.get(0), t);
		}
		queue.refill(gone);
		assertThat(enter(queue, users.get(1), gone).place()).isEqualTo(waiting(1));
		assertThat(this.entries.get(users.get(1))).isNotEqualTo(before);
		assertRefused(queue, users.get(1), before, gone);
	}

	@Test
	void anEarlierEntryIsRefusedAfterARelease() {
		WaitingQueue queue = queue(1);
		UserId user = new UserId(UUID.randomUUID());
		long before = enter(queue, user, this.now).entry();
		queue.release(this.concert, user, this.now);
		assertThat(place(queue, user, this.now)).isEqualTo(Standing.expired(0));
		assertThat(enter(queue, user, this.now).entry()).isNotEqualTo(before);
		assertRefused(queue, user, before, this.now);
	}

	@Test
	void aReleaseEndsTheAdmissionAndLeavesAPlaceTheUserWaitsInAgainAlone() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> enter(queue, u, this.now));
		UserId payer = users.get(0);
		leave(queue, payer, this.now);
		assertThat(enter(queue, payer, this.now).place()).as("queued again, for more seats").isEqualTo(waiting(2));
		// The last payment of a hold from the earlier admission.
		queue.release(this.concert, payer, this.now);
		assertThat(place(queue, payer, this.now)).isEqualTo(waiting(2));
		assertThat(standing(queue, users.get(1), this.now).state()).isEqualTo(QueueState.ACTIVE);
	}

	@Test
	void leavingWithAnEarlierEntryLeavesTheCurrentEntryAlone() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> enter(queue, u, this.now));
		long activeBefore = this.entries.get(users.get(0));
		leave(queue, users.get(0), this.now);
		enter(queue, users.get(0), this.now);
		long waitingBefore = this.entries.get(users.get(2));
		leave(queue, users.get(2), this.now);
		enter(queue, users.get(2), this.now);

		queue.leave(this.concert, users.get(0), activeBefore, this.now);
		queue.leave(this.concert, users.get(2), waitingBefore, this.now);
		assertThat(place(queue, users.get(1), this.now).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(place(queue, users.get(0), this.now)).isEqualTo(waiting(1));
		assertThat(place(queue, users.get(2), this.now)).isEqualTo(waiting(2));

		leave(queue, users.get(1), this.now);
		assertThat(place(queue, users.get(0), this.now).state()).isEqualTo(QueueState.ACTIVE);
		queue.leave(this.concert, users.get(1), 0, this.now);
		assertThat(place(queue, users.get(0), this.now).state()).isEqualTo(QueueState.ACTIVE);
		assertThat(active(queue, this.now)).isEqualTo(1);
	}

	@Test
	void pollingWithAnEarlierEntryKeepsNoPlace() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(2);
		users.forEach((u) -> enter(queue, u, this.now));
		long before = this.entries.get(users.get(1));
		leave(queue, users.get(1), this.now);
		enter(queue, users.get(1), this.now);
		Instant gone = this.now.plus(GRACE).plus(GRACE_SLACK).plusSeconds(1);
		for (Instant t = this.now; t.isBefore(gone); t = t.plus(Duration.ofMinutes(1))) {
			admit(queue, users.get(0), t);
			queue.standing(this.concert, users.get(1), before, t);
		}
		queue.refill(gone);
		assertThat(place(queue, users.get(1), gone)).isEqualTo(Standing.expired(0));
	}

	@Test
	void aProgressReadingTellsEveryWaitingUsersPositionAsTheStoreDoesWhileNobodyLeft() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(250);
		users.forEach((u) -> enter(queue, u, this.now));
		LineProgress progress = queue.progress(this.concert, new BitSet(), this.now);
		for (UserId user : users.subList(1, users.size())) {
			assertThat(memoryPosition(progress, user)).isEqualTo(standing(queue, user, this.now).position());
		}
	}

	@Test
	void behindTheFirstHundredAReadingsPositionIsOffByNoMoreThanTheUsersWhoLeftFromItsBucket() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(400);
		users.forEach((u) -> enter(queue, u, this.now));
		List<UserId> leaving = users.subList(150, 180);
		leaving.forEach((u) -> leave(queue, u, this.now));
		LineProgress progress = queue.progress(this.concert, new BitSet(), this.now);
		List<UserId> waiting = new ArrayList<>(users.subList(1, users.size()));
		waiting.removeAll(leaving);
		for (int i = 0; i < waiting.size(); i++) {
			long exact = standing(queue, waiting.get(i), this.now).position();
			long told = memoryPosition(progress, waiting.get(i));
			if (i < LineProgress.HEAD) {
				assertThat(told).as("exact at the front").isEqualTo(exact);
			}
			else {
				assertThat(told).isBetween(exact - leaving.size(), exact + leaving.size());
			}
		}
		assertThat(memoryPosition(progress, users.get(399))).as("the last in line knows exactly")
			.isEqualTo(waiting.size());
	}

	@Test
	void aProgressReadingTellsThePreQueuesShuffledScoresFromTheEntries() {
		WaitingQueue queue = queue(1);
		Instant opening = this.now.plus(Duration.ofMinutes(1));
		List<UserId> early = users(300);
		for (int i = 0; i < early.size(); i++) {
			enter(queue, early.get(i), opening, this.now.plusMillis(i));
		}
		poll(queue, early, opening.minusSeconds(1));
		List<UserId> late = users(3);
		late.forEach((u) -> enter(queue, u, opening, opening));
		Instant t = opening.plusSeconds(1);
		poll(queue, early, t);
		LineProgress progress = queue.progress(this.concert, new BitSet(), t);
		for (UserId user : early) {
			Standing exact = standing(queue, user, t);
			if (exact.state() == QueueState.WAITING && exact.position() <= LineProgress.HEAD) {
				assertThat(memoryPosition(progress, user)).isEqualTo(exact.position());
			}
			else if (exact.state() == QueueState.WAITING) {
				assertThat(memoryPosition(progress, user)).isBetween(exact.position() - 2, exact.position() + 2);
			}
		}
		for (UserId user : late) {
			assertThat(memoryPosition(progress, user)).isEqualTo(standing(queue, user, t).position());
		}
	}

	@Test
	void callersMarkedByAProgressVisitAreHereAndKeepTheirPlaceOthersArePassedOver() {
		WaitingQueue queue = queue(1);
		List<UserId> users = users(3);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant later = this.now.plus(AWAY);
		admit(queue, users.get(0), later);
		queue.progress(this.concert, seqs(users.get(2)), later);
		leave(queue, users.get(0), later);
		assertThat(active(queue, later)).isEqualTo(1);
		assertThat(queue.size(this.concert, later).waiting()).isEqualTo(1);
		assertThat(place(queue, users.get(2), later)).as("here: the freed slot is theirs")
			.isEqualTo(active(later.plus(IDLE)));
		assertThat(place(queue, users.get(1), later)).as("away: passed over, still in line").isEqualTo(waiting(1));
	}

	@Test
	void aProgressVisitNamesCallersNoLongerInLineAndDoesNotBringThemBack() {
		// The first keeps the slot throughout.
		WaitingQueue queue = queue(QueueSettings.of(1, TTL, TTL, GRACE, 0).build());
		List<UserId> users = users(4);
		users.forEach((u) -> enter(queue, u, this.now));
		leave(queue, users.get(1), this.now);
		Instant late = this.now.plus(GRACE).plus(GRACE_SLACK);
		poll(queue, users.subList(3, 4), this.now.plus(GRACE.dividedBy(2)));
		LineProgress progress = queue.progress(this.concert, seqs(users.get(1), users.get(2), users.get(3)), late);
		assertThat(progress.gone()).isEqualTo(seqs(users.get(1), users.get(2)));
		assertThat(place(queue, users.get(2), late)).as("silent past the grace: gone").isEqualTo(Standing.expired(0));
		assertThat(place(queue, users.get(3), late)).isEqualTo(waiting(1));
	}

	@Test
	void aProgressVisitCostsTheSameCommandsForOneCallerAsForThousands() {
		// Counted in the benchmark (bench/queue-line.sh); here: marks of 5,000 callers
		// are
		// all kept, through one bitmap.
		WaitingQueue queue = queue(1);
		List<UserId> users = users(5000);
		users.forEach((u) -> enter(queue, u, this.now));
		Instant later = this.now.plus(AWAY);
		queue.progress(this.concert, seqs(users.subList(1, users.size()).toArray(UserId[]::new)), later);
		leave(queue, users.get(0), later);
		assertThat(place(queue, users.get(1), later)).as("marked here: admitted at once")
			.isEqualTo(active(later.plus(IDLE)));
	}

	/** The seqs of the users' entries, as an instance collects its callers. */
	BitSet seqs(UserId... users) {
		BitSet seqs = new BitSet();
		for (UserId user : users) {
			seqs.set((int) (entry(user) % LineProgress.SEQ_SPACE));
		}
		return seqs;
	}

	/**
	 * The position an instance tells the user from the reading; 0 where it asks the store
	 * (admitted or passed over, or not in line).
	 */
	long memoryPosition(LineProgress progress, UserId user) {
		long entry = entry(user);
		assertThat(entry / LineProgress.SEQ_SPACE).isEqualTo(progress.gen());
		long score = progress.score(entry % LineProgress.SEQ_SPACE).orElseThrow();
		return (score < progress.passed()) ? 0 : progress.position(score);
	}

	/** Every call answering for {@code entry} treats the user as not in line. */
	void assertRefused(WaitingQueue queue, UserId user, long entry, Instant at) {
		assertThat(queue.standing(this.concert, user, entry, at).place()).isEqualTo(Standing.expired(0));
		assertThat(queue.admit(this.concert, user, entry, at).place()).isEqualTo(Standing.expired(0));
	}

	/** Enters the user, remembering the entry as the user's token would. */
	Standing enter(WaitingQueue queue, UserId user, Instant at) {
		return enter(queue, user, Instant.EPOCH, at);
	}

	Standing enter(WaitingQueue queue, UserId user, Instant saleOpensAt, Instant at) {
		Standing standing = queue.enter(this.concert, user, saleOpensAt, at);
		this.entries.put(user, standing.entry());
		return standing;
	}

	/** Each user polls once at {@code at}, as a waiting page does. */
	void poll(WaitingQueue queue, List<UserId> users, Instant at) {
		users.forEach((u) -> standing(queue, u, at));
	}

	/** Calls for the user's last entry, as the user's token does. */
	Standing standing(WaitingQueue queue, UserId user, Instant at) {
		return queue.standing(this.concert, user, entry(user), at);
	}

	Standing admit(WaitingQueue queue, UserId user, Instant at) {
		return queue.admit(this.concert, user, entry(user), at);
	}

	void leave(WaitingQueue queue, UserId user, Instant at) {
		queue.leave(this.concert, user, entry(user), at);
	}

	Standing place(WaitingQueue queue, UserId user, Instant at) {
		return standing(queue, user, at).place();
	}

	private long entry(UserId user) {
		return this.entries.getOrDefault(user, 0L);
	}

	static Standing waiting(long position) {
		return Standing.waiting(position, 0, 0);
	}

	static Standing active(Instant until) {
		return Standing.active(until, 0, 0);
	}

	static List<UserId> users(int count) {
		List<UserId> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			users.add(new UserId(UUID.randomUUID()));
		}
		return users;
	}

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
	void everyKeyTheScriptWritesIsOneItDeclaredInTheConcertsSlot() {
		QueueProperties settings = settings(2).build();
		RedisWaitingQueue queue = (RedisWaitingQueue) adapter(first, settings);
		StringRedisTemplate redis = new StringRedisTemplate(first);
		List<UserId> users = users(5);
		Set<String> declared = new HashSet<>();
		Instant t = this.now;
		for (int i = 0; i < 3; i++) {
			for (UserId user : users) {
				declared.addAll(queue.keys(this.concert, t));
				Standing standing = enter(queue, user, t);
				if (standing.state() == QueueState.ACTIVE) {
					queue.release(this.concert, user, t);
				}
			}
			declared.addAll(queue.keys(this.concert, t));
			queue.refill(t);
			t = t.plus(AWAY);
		}
		Set<String> written = redis.keys(PREFIX + "queue:{" + this.concert + "}*");
		assertThat(written).isNotEmpty();
		assertThat(declared).containsAll(written);
		assertThat(declared).allSatisfy((key) -> assertThat(key).contains("{" + this.concert + "}"));
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
		return QueueSettings.of(maxActive, TTL, IDLE, GRACE, 0);
	}

	private static WaitingQueue adapter(LettuceConnectionFactory connection, QueueProperties settings) {
		return new RedisWaitingQueue(new StringRedisTemplate(connection), PREFIX, settings);
	}

}
