package dev.ticketing.queue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.SharedRedis;

import org.springframework.data.redis.RedisConnectionFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The queue service over the queue in the shared Redis (a key prefix of this class's
 * own), with a clock moved by hand: the script takes its time from the service.
 */
class QueueServiceTests {

	static final String PREFIX = SharedRedis.prefixFor(QueueServiceTests.class);

	final MutableClock clock = MutableClock.at(Instant.parse("2026-05-01T10:00:00Z"));

	final ConcertId concert = new ConcertId(UUID.randomUUID());

	Instant opensAt = Instant.EPOCH;

	final QueueTokenKeys keys = QueueTokenKeys.of(QueueTokenTests.SECRET, null);

	@AfterAll
	static void removeKeys() {
		SharedRedis.removeKeys(PREFIX);
	}

	static WaitingQueue store(QueueProperties settings) {
		return new RedisWaitingQueue(SharedRedis.template(), PREFIX, settings);
	}

	QueueService service(QueueProperties settings) {
		return service(settings, store(settings));
	}

	QueueService service(QueueProperties settings, WaitingQueue store) {
		return new QueueService(store, (c) -> c.equals(this.concert) ? Optional.of(this.opensAt) : Optional.empty(),
				(u) -> true, settings, this.keys, this.clock, new SimpleMeterRegistry());
	}

	/** The store, counting the admission checks it answers. */
	static WaitingQueue countingAdmits(WaitingQueue store, AtomicInteger admits) {
		return counting(store, "admit", admits);
	}

	/** The store, counting its calls of one operation. */
	static WaitingQueue counting(WaitingQueue store, String operation, AtomicInteger calls) {
		return (WaitingQueue) Proxy.newProxyInstance(WaitingQueue.class.getClassLoader(),
				new Class<?>[] { WaitingQueue.class }, (proxy, method, args) -> {
					if (method.getName().equals(operation)) {
						calls.incrementAndGet();
					}
					try {
						return method.invoke(store, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	/** The store, failing as an unreachable Redis does while {@code down}. */
	static WaitingQueue flaky(WaitingQueue store, AtomicBoolean down) {
		return (WaitingQueue) Proxy.newProxyInstance(WaitingQueue.class.getClassLoader(),
				new Class<?>[] { WaitingQueue.class }, (proxy, method, args) -> {
					if (down.get()) {
						throw new RedisConnectionFailureException("Redis is down");
					}
					try {
						return method.invoke(store, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	QueueService service(int maxActive) {
		return service(
				QueueSettings.of(maxActive, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
					.build());
	}

	@Test
	void onceTheInstanceHasReadTheLineAWaitingUsersPollCostsTheStoreNoCallOfItsOwn() {
		AtomicInteger standings = new AtomicInteger();
		QueueProperties settings = QueueSettings
			.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.build();
		QueueService queue = service(settings, counting(store(settings), "standing", standings));
		List<String> tokens = issue(queue, 30);
		// The line is busy on this instance (a call per interval at least), so it is
		// read.
		List<QueueTicket> asked = poll(queue, tokens);
		queue.followLines();
		standings.set(0);
		List<QueueTicket> told = poll(queue, tokens);
		assertThat(standings.get()).as("only the admitted user's poll asks the store").isEqualTo(1);
		assertThat(told).isEqualTo(asked);
	}

	@Test
	void aPollAnsweredFromMemoryIsAtMostOneReadingBehindTheStoreEventuallyConsistentByDesign() {
		QueueService queue = service(1);
		List<String> tokens = issue(queue, 30);
		poll(queue, tokens);
		queue.followLines();
		queue.leave(this.concert, tokens.get(0));
		assertThat(queue.status(this.concert, tokens.get(2)).position()).as("the reading before the leave")
			.isEqualTo(2);
		// The test reads the line itself (the timer does every progress-interval): no
		// sleep.
		queue.followLines();
		assertThat(queue.status(this.concert, tokens.get(1)).status()).as("admitted: past where admission looked")
			.isEqualTo(QueueState.ACTIVE);
		assertThat(queue.status(this.concert, tokens.get(2)).position()).isEqualTo(1);
		assertThat(queue.status(this.concert, tokens.get(0)).status()).as("the token that left asks the store")
			.isEqualTo(QueueState.EXPIRED);
	}

	@Test
	void presenceOfPollsAnsweredFromMemoryIsWrittenWithTheNextReadingAndAdmissionPassesOverThoseAway() {
		QueueService queue = service(1);
		List<String> tokens = issue(queue, 30);
		poll(queue, tokens);
		this.clock.advance(Duration.ofSeconds(10));
		queue.followLines();
		// Away since: only the back half calls, answered from memory.
		List<QueueTicket> back = poll(queue, tokens.subList(15, 30));
		assertThat(back).allSatisfy((t) -> assertThat(t.status()).isEqualTo(QueueState.WAITING));
		queue.followLines();
		queue.leave(this.concert, tokens.get(0));
		queue.followLines();
		assertThat(queue.status(this.concert, tokens.get(15)).status()).as("here: first of those who called")
			.isEqualTo(QueueState.ACTIVE);
		assertThat(queue.status(this.concert, tokens.get(1)).status()).as("passed over, keeps the place")
			.isEqualTo(QueueState.WAITING);
	}

	@Test
	void memoryAnswersNoLongerThanTheReadingsMaxAgeOnceTheStoreStopsAnswering() {
		QueueProperties settings = QueueSettings
			.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.build();
		AtomicBoolean down = new AtomicBoolean();
		QueueService queue = service(settings, flaky(store(settings), down));
		List<String> tokens = issue(queue, 30);
		poll(queue, tokens);
		queue.followLines();
		down.set(true);
		this.clock.advance(settings.progressInterval());
		queue.followLines();
		assertThat(queue.status(this.concert, tokens.get(5)).position()).isEqualTo(5);
		this.clock.advance(settings.progressMaxAge());
		queue.followLines();
		assertThatThrownBy(() -> queue.status(this.concert, tokens.get(5))).as("503 with Retry-After (ProblemHandler)")
			.isInstanceOf(RedisConnectionFailureException.class);
	}

	List<String> issue(QueueService queue, int users) {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			tokens.add(queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId());
		}
		return tokens;
	}

	List<QueueTicket> poll(QueueService queue, List<String> tokens) {
		return tokens.stream().map((t) -> queue.status(this.concert, t)).toList();
	}

	@Test
	void underSteadyAdmissionPositionAndEstimatedWaitNeverGoUpForAUserWhoKeepsPolling() {
		QueueService queue = service(10);
		List<UserId> ahead = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			UserId user = new UserId(UUID.randomUUID());
			ahead.add(user);
			queue.issue(this.concert, user);
		}
		UserId me = new UserId(UUID.randomUUID());
		String token = queue.issue(this.concert, me).tokenId();
		long lastPosition = Long.MAX_VALUE;
		long lastWait = Long.MAX_VALUE;
		List<Long> waits = new ArrayList<>();
		int next = 0;
		for (int second = 0; second < 120; second++) {
			this.clock.advance(Duration.ofSeconds(1));
			// Two admitted users pay and leave every second: a steady admission rate.
			for (int k = 0; k < 2 && next < ahead.size(); k++) {
				queue.release(this.concert, ahead.get(next++));
			}
			// Those ahead poll every few seconds, as their pages do.
			for (int k = next; k < ahead.size(); k++) {
				if (k % 4 == second % 4) {
					queue.status(this.concert, queue.issue(this.concert, ahead.get(k)).tokenId());
				}
			}
			QueueTicket ticket = queue.status(this.concert, token);
			if (ticket.status() != QueueState.WAITING) {
				break;
			}
			assertThat(ticket.position()).isLessThanOrEqualTo(lastPosition);
			if (second >= 5) {
				assertThat(ticket.estimatedWaitSeconds()).isLessThanOrEqualTo(lastWait);
			}
			assertThat(ticket.pollAfterSeconds()).isBetween(1L, 20L);
			lastPosition = ticket.position();
			lastWait = ticket.estimatedWaitSeconds();
			waits.add(lastWait);
		}
		assertThat(waits).hasSizeGreaterThan(60);
		assertThat(waits.get(waits.size() - 1)).isLessThan(waits.get(10));
	}

	@Test
	void theEstimateFollowsTheMeasuredAdmissionRate() {
		QueueService queue = service(1);
		List<UserId> users = new ArrayList<>();
		for (int i = 0; i < 400; i++) {
			users.add(new UserId(UUID.randomUUID()));
		}
		List<String> tokens = users.stream().map((u) -> queue.issue(this.concert, u).tokenId()).toList();
		// One admission a second for five minutes: the estimate for position p is about p
		// s.
		for (int i = 0; i < 300; i++) {
			this.clock.advance(Duration.ofSeconds(1));
			// The front of the line polls every second, the rest now and then.
			tokens.subList(i + 1, i + 3).forEach((t) -> queue.status(this.concert, t));
			queue.release(this.concert, users.get(i));
			if (i % 60 == 0) {
				tokens.subList(i + 1, tokens.size()).forEach((t) -> queue.status(this.concert, t));
			}
		}
		QueueTicket last = queue.status(this.concert, tokens.get(399));
		assertThat(last.position()).isEqualTo(99);
		assertThat(last.estimatedWaitSeconds()).isBetween(95L, 120L);
	}

	@Test
	void theSameUserAndConcertGetTheSameTokenAndPlace() {
		QueueService queue = service(1);
		UserId first = new UserId(UUID.randomUUID());
		UserId second = new UserId(UUID.randomUUID());
		queue.issue(this.concert, first);
		QueueTicket once = queue.issue(this.concert, second);
		QueueTicket again = queue.issue(this.concert, second);
		assertThat(again.tokenId()).isEqualTo(once.tokenId());
		assertThat(again.position()).isEqualTo(1);
	}

	@Test
	void aTokenCopiedToAnotherConcertIsRefused() {
		QueueService queue = service(1);
		String token = queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId();
		assertThatThrownBy(() -> queue.status(new ConcertId(UUID.randomUUID()), token))
			.isInstanceOfSatisfying(ProblemException.class, (p) -> assertThat(p.code()).isEqualTo("INVALID_TOKEN"));
	}

	@Test
	void bookingNeedsAnActiveTokenAndRestartsItsIdleTimer() {
		QueueService queue = service(1);
		UserId active = new UserId(UUID.randomUUID());
		String activeToken = queue.issue(this.concert, active).tokenId();
		String waitingToken = queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId();
		assertThat(queue.admit(activeToken)).usingRecursiveComparison()
			.ignoringFields("entry")
			.isEqualTo(new Admission(this.concert, active));
		assertThatThrownBy(() -> queue.admit(waitingToken)).isInstanceOfSatisfying(ProblemException.class,
				(p) -> assertThat(p.status()).isEqualTo(403));
		for (int i = 0; i < 5; i++) {
			this.clock.advance(Duration.ofSeconds(90));
			queue.admit(activeToken);
			queue.status(this.concert, waitingToken);
		}
		assertThat(queue.status(this.concert, activeToken).status()).isEqualTo(QueueState.ACTIVE);
		this.clock.advance(Duration.ofMinutes(2));
		assertThatThrownBy(() -> queue.admit(activeToken)).isInstanceOfSatisfying(ProblemException.class,
				(p) -> assertThat(p.code()).isEqualTo("TOKEN_EXPIRED"));
		assertThat(queue.admit(waitingToken).userId()).isNotEqualTo(active);
	}

	@Test
	void aPassNamesTheBearerOfAGenuineTokenWhateverItsAdmissionAndRefusesOnlyForgeries() {
		QueueService queue = service(1);
		UserId first = new UserId(UUID.randomUUID());
		UserId second = new UserId(UUID.randomUUID());
		String active = queue.issue(this.concert, first).tokenId();
		String waiting = queue.issue(this.concert, second).tokenId();
		AtomicBoolean down = new AtomicBoolean();

		assertThat(queue.pass(active).isAdmitted()).isTrue();
		assertThat(queue.pass(waiting).isAdmitted()).isFalse();
		assertThat(queue.pass(waiting).isInLine()).as("a waiting token is of the current entry").isTrue();
		assertThat(queue.pass(waiting).bearer()).usingRecursiveComparison()
			.ignoringFields("entry")
			.isEqualTo(new Admission(this.concert, second));
		assertThatThrownBy(() -> queue.pass(waiting).admission()).isInstanceOfSatisfying(ProblemException.class,
				(ex) -> assertThat(ex.code()).isEqualTo("QUEUE_WAITING"));
		this.clock.advance(Duration.ofMinutes(3));
		assertThat(queue.pass(active).bearer()).usingRecursiveComparison()
			.ignoringFields("entry")
			.isEqualTo(new Admission(this.concert, first));
		assertThatThrownBy(() -> queue.pass(active).admission()).isInstanceOfSatisfying(ProblemException.class,
				(ex) -> assertThat(ex.code()).isEqualTo("TOKEN_EXPIRED"));
		assertThat(queue.pass(active).isInLine()).as("its entry has ended").isFalse();
		assertThatThrownBy(() -> queue.pass(active + "x")).isInstanceOfSatisfying(ProblemException.class,
				(ex) -> assertThat(ex.status()).isEqualTo(401));

		QueueService unreachable = service(
				QueueSettings.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0).build(),
				flaky(store(QueueSettings.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
					.build()), down));
		String token = unreachable.issue(this.concert, first).tokenId();
		down.set(true);
		assertThat(unreachable.pass(token).bearer()).as("the token alone says whose it is")
			.usingRecursiveComparison()
			.ignoringFields("entry")
			.isEqualTo(new Admission(this.concert, first));
	}

	@Test
	void aBookingPathSlowedOnPurposeMakesTheAdaptiveLimitFallAndAFastOneLetsItRiseToMaxActive() {
		QueueProperties.Adaptive adaptive = new QueueProperties.Adaptive(Duration.ofMillis(100), Duration.ofSeconds(5),
				0.01, 0.9);
		QueueProperties settings = QueueSettings
			.of(12, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.adaptiveFrom(3, adaptive)
			.build();
		QueueService queue = service(settings);
		BookingHealth health = new BookingHealth(new SimpleMeterRegistry());
		List<String> waiting = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			waiting.add(queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId());
		}
		assertThat(queue.size(this.concert).limit()).isEqualTo(3);

		for (int interval = 0; interval < 12; interval++) {
			this.clock.advance(adaptive.interval());
			waiting.forEach((t) -> queue.status(this.concert, t));
			for (int call = 0; call < 200; call++) {
				health.record(this.concert, Duration.ofMillis(5 + call % 20).toNanos(), false);
			}
			queue.adapt(health);
			assertThat(queue.size(this.concert).limit()).isLessThanOrEqualTo(12);
		}
		assertThat(queue.size(this.concert).limit()).as("a fast path: up to max-active").isEqualTo(12);
		assertThat(queue.activeCount(this.concert)).isEqualTo(12);

		for (int interval = 0; interval < 12; interval++) {
			this.clock.advance(adaptive.interval());
			for (int call = 0; call < 200; call++) {
				// One call in ten takes a second: the p95 is far over the target.
				health.record(this.concert, Duration.ofMillis((call % 10 == 0) ? 1_000 : 5).toNanos(), false);
			}
			queue.adapt(health);
		}
		assertThat(queue.size(this.concert).limit()).as("a slowed path: down to min-active").isEqualTo(3);
	}

	@Test
	void anAdmissionTheStoreConfirmedIsLetThroughWithoutAskingAgainUntilTheRecheckIsDue() {
		QueueProperties settings = QueueSettings
			.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.withAdmissionRecheck(Duration.ofSeconds(1))
			.build();
		AtomicInteger storeAdmits = new AtomicInteger();
		QueueService queue = service(settings, countingAdmits(store(settings), storeAdmits));
		String token = queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId();

		queue.admit(token);
		this.clock.advance(Duration.ofMillis(400));
		queue.admit(token);
		this.clock.advance(Duration.ofMillis(599));
		queue.admit(token);
		assertThat(storeAdmits).as("one store call within the recheck").hasValue(1);
		this.clock.advance(Duration.ofMillis(1));
		queue.admit(token);
		assertThat(storeAdmits).as("asked again once the recheck is due").hasValue(2);
	}

	@Test
	void releasingThroughThisInstanceEndsAnAdmissionAtOnceAndElsewhereWithinTheRecheck() {
		QueueProperties settings = QueueSettings
			.of(2, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.withAdmissionRecheck(Duration.ofSeconds(1))
			.build();
		WaitingQueue store = store(settings);
		QueueService queue = service(settings, store);
		UserId leaving = new UserId(UUID.randomUUID());
		UserId paidElsewhere = new UserId(UUID.randomUUID());
		String leavingToken = queue.issue(this.concert, leaving).tokenId();
		String elsewhereToken = queue.issue(this.concert, paidElsewhere).tokenId();
		queue.admit(leavingToken);
		queue.admit(elsewhereToken);

		queue.release(this.concert, leaving);
		assertThatThrownBy(() -> queue.admit(leavingToken)).isInstanceOfSatisfying(ProblemException.class,
				(p) -> assertThat(p.code()).isEqualTo("TOKEN_EXPIRED"));

		store.release(this.concert, paidElsewhere, this.clock.instant());
		assertThat(queue.admit(elsewhereToken).userId()).as("another instance's release is not seen yet")
			.isEqualTo(paidElsewhere);
		this.clock.advance(Duration.ofSeconds(1));
		assertThatThrownBy(() -> queue.admit(elsewhereToken)).isInstanceOfSatisfying(ProblemException.class,
				(p) -> assertThat(p.code()).isEqualTo("TOKEN_EXPIRED"));
	}

	@Test
	void anAdmissionIsNeverLetThroughLocallyPastItsEnd() {
		QueueProperties settings = QueueSettings
			.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.withAdmissionRecheck(Duration.ofMinutes(5))
			.build();
		QueueService queue = service(settings);
		String token = queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId();
		queue.admit(token);
		this.clock.advance(Duration.ofMinutes(2));
		assertThatThrownBy(() -> queue.admit(token)).as("idle timeout passed, recheck not yet due")
			.isInstanceOfSatisfying(ProblemException.class, (p) -> assertThat(p.code()).isEqualTo("TOKEN_EXPIRED"));
	}

	@Test
	void leavingHandsTheSlotToTheNextInLineAtOnce() {
		QueueService queue = service(1);
		String first = queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId();
		String second = queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId();
		queue.leave(this.concert, first);
		assertThat(queue.status(this.concert, first).status()).isEqualTo(QueueState.EXPIRED);
		assertThat(queue.status(this.concert, second).status()).isEqualTo(QueueState.ACTIVE);
	}

	@Test
	void beforeTheSaleOpensStatusGivesTheOpeningInsteadOfAPosition() {
		this.opensAt = this.clock.instant().plus(Duration.ofMinutes(10));
		QueueService queue = service(5);
		QueueTicket ticket = queue.issue(this.concert, new UserId(UUID.randomUUID()));
		assertThat(ticket.status()).isEqualTo(QueueState.WAITING);
		assertThat(ticket.position()).isNull();
		assertThat(ticket.opensAt()).isEqualTo(this.opensAt);
		assertThat(ticket.estimatedWaitSeconds()).isEqualTo(600);
		while (this.clock.instant().isBefore(this.opensAt)) {
			assertThat(queue.status(this.concert, ticket.tokenId()).position()).isNull();
			this.clock.advance(Duration.ofMinutes(1));
		}
		assertThat(queue.status(this.concert, ticket.tokenId()).status()).isEqualTo(QueueState.ACTIVE);
	}

	@Test
	void unknownConcertsAndUsersGetNoToken() {
		QueueService queue = new QueueService(
				store(QueueSettings.of(1, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 0)
					.build()),
				(c) -> Optional.empty(), (u) -> false,
				QueueSettings.of(1, Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1), 0).build(),
				this.keys, this.clock, new SimpleMeterRegistry());
		assertThatThrownBy(() -> queue.issue(this.concert, new UserId(UUID.randomUUID())))
			.isInstanceOfSatisfying(ProblemException.class, (p) -> assertThat(p.code()).isEqualTo("CONCERT_NOT_FOUND"));
	}

	@Test
	void whileTheQueueStoreIsDownUsersSeenActiveBookOnAndEveryoneElseGets503() {
		QueueProperties settings = QueueSettings
			.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.build();
		WaitingQueue store = store(settings);
		AtomicBoolean down = new AtomicBoolean();
		WaitingQueue flaky = flaky(store, down);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		QueueService queue = new QueueService(flaky, (c) -> Optional.of(Instant.EPOCH), (u) -> true, settings,
				this.keys, this.clock, meters);
		String active = queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId();
		String waiting = queue.issue(this.concert, new UserId(UUID.randomUUID())).tokenId();
		queue.admit(active);

		down.set(true);
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(queue.admit(active).concertId()).isEqualTo(this.concert);
		assertThatThrownBy(() -> queue.admit(waiting)).isInstanceOfSatisfying(ProblemException.class, (p) -> {
			assertThat(p.status()).isEqualTo(503);
			assertThat(p.code()).isEqualTo("STORE_UNAVAILABLE");
		});
		this.clock.advance(Duration.ofMinutes(2));
		assertThatThrownBy(() -> queue.admit(active)).as("no longer than the admission would have lasted")
			.isInstanceOfSatisfying(ProblemException.class, (p) -> assertThat(p.status()).isEqualTo(503));
		assertThat(meters.counter("concert.queue.fallback.admissions").count()).isEqualTo(1);

		down.set(false);
		assertThat(queue.status(this.concert, waiting).status()).as("back to normal once the store answers")
			.isEqualTo(QueueState.ACTIVE);
	}

	@Test
	void aNewEntryGetsANewTokenAndTheEarlierOneOpensNothing() {
		QueueService queue = service(1);
		UserId user = new UserId(UUID.randomUUID());
		String first = queue.issue(this.concert, user).tokenId();
		queue.leave(this.concert, first);
		QueueTicket again = queue.issue(this.concert, user);
		assertThat(again.tokenId()).isNotEqualTo(first);
		assertThat(again.status()).isEqualTo(QueueState.ACTIVE);

		assertThat(queue.status(this.concert, first).status()).isEqualTo(QueueState.EXPIRED);
		assertExpired(() -> queue.admit(first));
		queue.leave(this.concert, first);
		assertThat(queue.status(this.concert, again.tokenId()).status()).as("the earlier token left nothing")
			.isEqualTo(QueueState.ACTIVE);
		assertThat(queue.admit(again.tokenId())).usingRecursiveComparison()
			.ignoringFields("entry")
			.isEqualTo(new Admission(this.concert, user));
		assertThat(queue.pass(first).bearer().entry()).as("each entry's token names its entry")
			.isNotEqualTo(queue.pass(again.tokenId()).bearer().entry());
		assertThat(queue.pass(first).isInLine()).isFalse();
	}

	@Test
	void theTokenOfAPaidEntryOpensNothingOnceTheUserQueuesAgain() {
		QueueService queue = service(1);
		UserId user = new UserId(UUID.randomUUID());
		String paid = queue.issue(this.concert, user).tokenId();
		queue.admit(paid);
		queue.release(this.concert, user);
		String next = queue.issue(this.concert, user).tokenId();
		assertThat(next).isNotEqualTo(paid);
		assertExpired(() -> queue.admit(paid));
		assertThat(queue.admit(next).userId()).isEqualTo(user);
	}

	@Test
	void theTokenOfAnAdmissionThatRanOutOpensNothingOnceTheUserQueuesAgain() {
		QueueService queue = service(1);
		UserId user = new UserId(UUID.randomUUID());
		String first = queue.issue(this.concert, user).tokenId();
		this.clock.advance(Duration.ofMinutes(2));
		String next = queue.issue(this.concert, user).tokenId();
		assertThat(next).isNotEqualTo(first);
		assertThat(queue.status(this.concert, first).status()).isEqualTo(QueueState.EXPIRED);
		assertExpired(() -> queue.admit(first));
		assertThat(queue.admit(next).userId()).isEqualTo(user);
	}

	@Test
	void anEarlierEntrysTokenNeverRidesOnTheConfirmationOfALaterOne() {
		QueueProperties settings = QueueSettings
			.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.withAdmissionRecheck(Duration.ofMinutes(1))
			.build();
		WaitingQueue store = store(settings);
		AtomicInteger storeAdmits = new AtomicInteger();
		QueueService queue = service(settings, countingAdmits(store, storeAdmits));
		UserId user = new UserId(UUID.randomUUID());
		String first = queue.issue(this.concert, user).tokenId();
		queue.admit(first);
		// The user pays through another instance, whose release this one does not see.
		store.release(this.concert, user, this.clock.instant());
		String next = queue.issue(this.concert, user).tokenId();
		queue.admit(next);
		int asked = storeAdmits.get();

		assertExpired(() -> queue.admit(first));
		assertThat(storeAdmits).as("the confirmation was for the later entry: the store was asked").hasValue(asked + 1);
		queue.admit(next);
		assertThat(storeAdmits).as("the refusal of the earlier token kept the later confirmation").hasValue(asked + 1);
	}

	@Test
	void whileTheQueueStoreIsDownAnEarlierEntrysTokenIsNotLetThrough() {
		QueueProperties settings = QueueSettings
			.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.build();
		WaitingQueue store = store(settings);
		AtomicBoolean down = new AtomicBoolean();
		QueueService queue = service(settings, flaky(store, down));
		UserId user = new UserId(UUID.randomUUID());
		String first = queue.issue(this.concert, user).tokenId();
		queue.admit(first);
		store.release(this.concert, user, this.clock.instant());
		String next = queue.issue(this.concert, user).tokenId();
		queue.admit(next);

		down.set(true);
		assertThatThrownBy(() -> queue.admit(first)).isInstanceOfSatisfying(ProblemException.class,
				(p) -> assertThat(p.status()).isEqualTo(503));
		assertThat(queue.admit(next).userId()).isEqualTo(user);
	}

	@Test
	void aStreamIsRefusedForAnEarlierEntrysToken() {
		QueueProperties settings = QueueSettings
			.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.build();
		QueueService queue = service(settings);
		QueueStreams streams = new QueueStreams(queue, settings);
		UserId user = new UserId(UUID.randomUUID());
		String first = queue.issue(this.concert, user).tokenId();
		queue.leave(this.concert, first);
		String next = queue.issue(this.concert, user).tokenId();
		try {
			assertExpired(() -> streams.open(queue.verifyFor(this.concert, first)));
			assertThat(streams.openCount()).isZero();
			streams.open(queue.verifyFor(this.concert, next));
			assertThat(streams.openCount()).isOne();
		}
		finally {
			streams.closeAll();
		}
	}

	@Test
	void aTokenShowsNoUserId() {
		QueueService queue = service(1);
		UserId user = new UserId(UUID.randomUUID());
		String token = queue.issue(this.concert, user).tokenId();
		assertThat(token).hasSize(QueueToken.LENGTH)
			.doesNotContain(RedisWaitingQueue.member(user).substring(0, 8))
			.doesNotContain(user.toString().substring(0, 8));
	}

	static void assertExpired(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
		assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, (p) -> {
			assertThat(p.status()).isEqualTo(401);
			assertThat(p.code()).isEqualTo("TOKEN_EXPIRED");
		});
	}

}
