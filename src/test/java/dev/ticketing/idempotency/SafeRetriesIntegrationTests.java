package dev.ticketing.idempotency;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatId;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Charges, holds and payments retried with the same {@code Idempotency-Key}, over HTTP
 * against the real PostgreSQL and Redis: a retry, however soon and however many at once,
 * answers what the first attempt answered and changes nothing more, which the tables
 * themselves are asked about. Time passes by moving a clock; the sweep and the purge are
 * held off so that they are seen not to be needed.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.reservation.sweep-interval=1h", "concert.queue.idle-timeout=1h",
		"concert.idempotency.purge-interval=1h" })
@Import(MutableClockConfiguration.class)
class SafeRetriesIntegrationTests {

	private static final Points PRICE = Points.of(1_000);

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ConcertService concerts;

	@Autowired
	PointService points;

	@Autowired
	IdempotentRequests idempotent;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void aChargeRetriedWithTheSameKeyIsChargedOnceAndAnsweredAsTheFirstTime() {
		UserId user = this.boxOffice.fan(Points.of(1_000));
		Api api = new Api(this.port).withIdempotencyKey("charge-" + UUID.randomUUID());

		ResponseEntity<String> first = api.postForText(charge(user), null, Map.of("amount", 500));
		ResponseEntity<String> retry = api.postForText(charge(user), null, Map.of("amount", 500));

		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertThat(first.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
		assertThat(first.getBody()).isEqualTo("{\"userId\":\"" + user + "\",\"balance\":1500}");
		assertThat(first.getHeaders().containsHeader(Answer.REPLAYED)).isFalse();
		assertReplayOf(retry, first);
		assertThat(balance(user)).isEqualTo(1_500);
		assertThat(ledgerRows(user, "CHARGE")).as("the opening row and one charge").isEqualTo(2);
		assertThat(keysOf(user)).isOne();
	}

	@Test
	void twentyConcurrentChargesWithOneKeyChargeExactlyOnce() {
		UserId user = this.boxOffice.fan(Points.of(1_000));
		Api api = new Api(this.port).withIdempotencyKey("charge-" + UUID.randomUUID());

		List<Outcome<ResponseEntity<String>>> outcomes = Race.run(20,
				(i) -> api.postForText(charge(user), null, Map.of("amount", 500)));

		assertThat(Outcome.failures(outcomes)).isEmpty();
		List<ResponseEntity<String>> answers = Outcome.values(outcomes);
		assertThat(answers).allSatisfy((answer) -> {
			assertThat(answer.getStatusCode().value()).isEqualTo(200);
			assertThat(answer.getBody()).isEqualTo("{\"userId\":\"" + user + "\",\"balance\":1500}");
		});
		assertThat(answers).filteredOn((answer) -> !answer.getHeaders().containsHeader(Answer.REPLAYED))
			.as("one attempt charged, every other one replayed it")
			.hasSize(1);
		assertThat(balance(user)).isEqualTo(1_500);
		assertThat(ledgerRows(user, "CHARGE")).isEqualTo(2);
	}

	@Test
	void theSameKeyWithAnotherAmountOrOnAnotherCallIsRefusedAndChangesNothing() {
		UserId user = this.boxOffice.fan(Points.of(1_000));
		OnSale booking = concertOfOneSeat();
		String key = "k-" + UUID.randomUUID();
		Api api = new Api(this.port).withIdempotencyKey(key);
		assertThat(api.postForText(charge(user), null, Map.of("amount", 500)).getStatusCode().value()).isEqualTo(200);

		ResponseEntity<String> otherAmount = api.postForText(charge(user), null, Map.of("amount", 600));
		String token = new Api(this.port).token(booking.concert(), user);
		ResponseEntity<String> otherCall = api.postForText(hold(booking.seat(0).id()), token, booking.holdBody());

		assertProblem(otherAmount, 422, "IDEMPOTENCY_KEY_REUSED");
		assertProblem(otherCall, 422, "IDEMPOTENCY_KEY_REUSED");
		assertThat(balance(user)).isEqualTo(1_500);
		assertThat(ledgerRows(user, "CHARGE")).isEqualTo(2);
		assertThat(reservationsOf(user)).as("the hold under a used key never ran").isZero();
		assertThat(seatStatus(booking.seat(0).id())).isEqualTo("AVAILABLE");
	}

	@Test
	void anotherUsersSameKeyIsAnotherKey() {
		UserId one = this.boxOffice.fan(Points.of(1_000));
		UserId other = this.boxOffice.fan(Points.of(1_000));
		Api api = new Api(this.port).withIdempotencyKey("shared-key");

		assertThat(api.postForText(charge(one), null, Map.of("amount", 100)).getBody()).contains("\"balance\":1100");
		ResponseEntity<String> others = api.postForText(charge(other), null, Map.of("amount", 200));

		assertThat(others.getStatusCode().value()).isEqualTo(200);
		assertThat(others.getHeaders().containsHeader(Answer.REPLAYED)).isFalse();
		assertThat(others.getBody()).contains("\"balance\":1200");
		assertThat(balance(one)).isEqualTo(1_100);
		assertThat(balance(other)).isEqualTo(1_200);
	}

	@Test
	void callsWithoutAKeyRunEveryTimeAsBefore() {
		UserId user = this.boxOffice.fan(Points.of(1_000));
		Api api = new Api(this.port);

		api.postForText(charge(user), null, Map.of("amount", 100));
		ResponseEntity<String> second = api.postForText(charge(user), null, Map.of("amount", 100));

		assertThat(second.getBody()).contains("\"balance\":1200");
		assertThat(second.getHeaders().containsHeader(Answer.REPLAYED)).isFalse();
		assertThat(ledgerRows(user, "CHARGE")).isEqualTo(3);
		assertThat(keysOf(user)).as("nothing recorded").isZero();
	}

	@Test
	void aHoldRetriedWithTheSameKeyIsAnsweredAsTheFirstTimeInsteadOfAConflictWithItself() {
		OnSale booking = concertOfOneSeat();
		UserId user = this.boxOffice.fan(Points.of(5_000));
		String token = new Api(this.port).token(booking.concert(), user);
		Api api = new Api(this.port).withIdempotencyKey("hold-" + UUID.randomUUID());

		ResponseEntity<String> first = api.postForText(hold(booking.seat(0).id()), token, booking.holdBody());
		ResponseEntity<String> retry = api.postForText(hold(booking.seat(0).id()), token, booking.holdBody());

		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertThat(first.getBody()).contains("\"status\":\"HELD\"");
		assertReplayOf(retry, first);
		assertThat(reservationsOf(user)).isOne();
		assertThat(seatStatus(booking.seat(0).id())).isEqualTo("HELD");
		assertThat(new Api(this.port).postForText(hold(booking.seat(0).id()), token, booking.holdBody())
			.getStatusCode()
			.value()).as("without the key, the seat is held: by the first attempt").isEqualTo(409);
	}

	@Test
	void aHoldRetriedAfterItRanOutIsAnsweredAsTheFirstTimeAndTakesTheSeatNoMore() {
		OnSale booking = concertOfOneSeat();
		UserId user = this.boxOffice.fan(Points.of(5_000));
		String token = new Api(this.port).token(booking.concert(), user);
		Api api = new Api(this.port).withIdempotencyKey("hold-" + UUID.randomUUID());
		ResponseEntity<String> first = api.postForText(hold(booking.seat(0).id()), token, booking.holdBody());

		this.clock.advance(this.boxOffice.holdDuration().plusSeconds(1));
		ResponseEntity<String> retry = api.postForText(hold(booking.seat(0).id()), token, booking.holdBody());

		assertReplayOf(retry, first);
		assertThat(reservationsOf(user)).isOne();
		assertThat(this.concerts.availableSeats(booking.concert(), booking.date()))
			.as("the seat is free for anyone, not held again")
			.hasSize(1);
	}

	@Test
	void eightConcurrentHoldsWithOneKeyHoldTheSeatOnceAndAllGetItsAnswer() {
		OnSale booking = concertOfOneSeat();
		UserId user = this.boxOffice.fan(Points.of(5_000));
		String token = new Api(this.port).token(booking.concert(), user);
		Api api = new Api(this.port).withIdempotencyKey("hold-" + UUID.randomUUID());

		List<Outcome<ResponseEntity<String>>> outcomes = Race.run(8,
				(i) -> api.postForText(hold(booking.seat(0).id()), token, booking.holdBody()));

		List<ResponseEntity<String>> answers = Outcome.values(outcomes);
		assertThat(answers).hasSize(8)
			.allSatisfy((answer) -> assertThat(answer.getStatusCode().value()).isEqualTo(200));
		assertThat(answers).extracting(ResponseEntity::getBody).containsOnly(answers.getFirst().getBody());
		assertThat(reservationsOf(user)).isOne();
		assertThat(seatStatus(booking.seat(0).id())).isEqualTo("HELD");
	}

	@Test
	void thePaymentOfAHoldRetriedWithTheSameKeyTakesTheMoneyOnce() {
		OnSale booking = concertOfOneSeat();
		UserId user = this.boxOffice.fan(Points.of(5_000));
		String token = new Api(this.port).token(booking.concert(), user);
		String reservation = heldBy(token, booking);
		Api api = new Api(this.port).withIdempotencyKey("pay-" + UUID.randomUUID());

		ResponseEntity<String> first = api.postForText(pay(reservation), token, null);
		ResponseEntity<String> retry = api.postForText(pay(reservation), token, null);

		assertThat(first.getStatusCode().value()).isEqualTo(200);
		assertReplayOf(retry, first);
		assertThat(balance(user)).isEqualTo(4_000);
		assertThat(ledgerRows(user, "USE")).isOne();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM payment WHERE user_id = ?", Long.class, user.value()))
			.isOne();
		assertThat(seatStatus(booking.seat(0).id())).isEqualTo("SOLD");
		assertThat(List.of(new Api(this.port), new Api(this.port).withIdempotencyKey("another-key")))
			.as("the payment ended the admission; paying again answers the same payment and charges nothing")
			.allSatisfy((other) -> assertThat(other.postForText(pay(reservation), token, null).getBody())
				.contains(first.getBody().replaceAll(".*(\"paymentId\":\"[^\"]+\").*", "$1")));
		assertThat(balance(user)).isEqualTo(4_000);
		assertProblem(new Api(this.port).postForText(hold(booking.seat(0).id()), token, booking.holdBody()), 401,
				"TOKEN_EXPIRED");
	}

	@Test
	void aRefusalThatDependsOnTheMomentIsNotRecordedSoTheRetryIsDecidedAnew() {
		OnSale booking = concertOfOneSeat();
		UserId user = this.boxOffice.fan(Points.of(999));
		String token = new Api(this.port).token(booking.concert(), user);
		String reservation = heldBy(token, booking);
		Api api = new Api(this.port).withIdempotencyKey("pay-" + UUID.randomUUID());

		assertProblem(api.postForText(pay(reservation), token, null), 409, "INSUFFICIENT_BALANCE");
		this.points.charge(user, 1);
		ResponseEntity<String> retry = api.postForText(pay(reservation), token, null);

		assertThat(retry.getStatusCode().value()).isEqualTo(200);
		assertThat(retry.getHeaders().containsHeader(Answer.REPLAYED)).isFalse();
		assertThat(balance(user)).isZero();
	}

	@Test
	void aFinalRefusalIsRecordedAndReplayed() {
		OnSale booking = concertOfOneSeat();
		UserId user = this.boxOffice.fan(Points.of(5_000));
		String token = new Api(this.port).token(booking.concert(), user);
		String reservation = heldBy(token, booking);
		this.clock.advance(this.boxOffice.holdDuration());
		Api api = new Api(this.port).withIdempotencyKey("pay-" + UUID.randomUUID());

		ResponseEntity<String> first = api.postForText(pay(reservation), token, null);
		ResponseEntity<String> retry = api.postForText(pay(reservation), token, null);

		assertProblem(first, 410, "HOLD_EXPIRED");
		assertReplayOf(retry, first);
		assertThat(balance(user)).isEqualTo(5_000);
	}

	@Test
	void anAnswerOfAStoreThatFailedIsNotRecordedSoTheRetryRunsAgain() {
		UserId user = this.boxOffice.fan(Points.of(1_000));
		IdempotentRequests.Call call = new IdempotentRequests.Call(user, new IdempotencyKey("503-" + UUID.randomUUID()),
				"POST", charge(user), "amount=100");

		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.idempotent.runInTransaction(call, () -> {
				this.points.charge(user, 100);
				throw ProblemException.storeUnavailable();
			}))
			.satisfies((problem) -> assertThat(problem.status()).isEqualTo(503));
		assertThat(keysOf(user)).isZero();
		assertThat(balance(user)).as("the failed attempt rolled back").isEqualTo(1_000);

		ResponseEntity<byte[]> retry = this.idempotent.runInTransaction(call,
				() -> new Answer(200, "application/json", ("" + this.points.charge(user, 100).value()).getBytes()));
		assertThat(retry.getHeaders().containsHeader(Answer.REPLAYED)).isFalse();
		assertThat(balance(user)).isEqualTo(1_100);
	}

	@Test
	void aKeyPastItsRetentionIsNewAgainAndThePurgeDeletesIt() {
		UserId user = this.boxOffice.fan(Points.of(1_000));
		Api api = new Api(this.port).withIdempotencyKey("old-" + UUID.randomUUID());
		api.postForText(charge(user), null, Map.of("amount", 100));

		this.clock.advance(Duration.ofHours(24));
		ResponseEntity<String> later = api.postForText(charge(user), null, Map.of("amount", 100));

		assertThat(later.getHeaders().containsHeader(Answer.REPLAYED)).isFalse();
		assertThat(balance(user)).as("charged again: the key had run out").isEqualTo(1_200);
		assertThat(keysOf(user)).isOne();
		this.clock.advance(Duration.ofHours(24));
		assertThat(this.idempotent.purgeExpired()).isPositive();
		assertThat(keysOf(user)).isZero();
	}

	private void assertReplayOf(ResponseEntity<String> retry, ResponseEntity<String> first) {
		assertThat(retry.getStatusCode()).isEqualTo(first.getStatusCode());
		assertThat(retry.getHeaders().getContentType()).isEqualTo(first.getHeaders().getContentType());
		assertThat(retry.getBody()).isEqualTo(first.getBody());
		assertThat(retry.getHeaders().getFirst(Answer.REPLAYED)).isEqualTo("true");
	}

	private static void assertProblem(ResponseEntity<String> answer, int status, String code) {
		assertThat(answer.getStatusCode().value()).isEqualTo(status);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody()).contains("\"code\":\"" + code + "\"");
	}

	private String heldBy(String token, OnSale booking) {
		ResponseEntity<String> held = new Api(this.port).postForText(hold(booking.seat(0).id()), token,
				booking.holdBody());
		assertThat(held.getStatusCode().value()).isEqualTo(200);
		return held.getBody().replaceAll(".*\"reservationId\":\"([^\"]+)\".*", "$1");
	}

	private OnSale concertOfOneSeat() {
		return this.boxOffice.concertOnSale("Retry", 1, PRICE);
	}

	private static String charge(UserId user) {
		return "/api/v1/users/" + user + "/points/charge";
	}

	private static String hold(SeatId seat) {
		return "/api/v1/reservations/seats/" + seat.value();
	}

	private static String pay(String reservation) {
		return "/api/v1/payments/" + reservation;
	}

	private long balance(UserId user) {
		return this.jdbc.queryForObject("SELECT balance FROM wallet WHERE user_id = ?", Long.class, user.value());
	}

	private long ledgerRows(UserId user, String kind) {
		return this.jdbc.queryForObject("SELECT count(*) FROM point_ledger WHERE user_id = ? AND kind = ?", Long.class,
				user.value(), kind);
	}

	private long reservationsOf(UserId user) {
		return this.jdbc.queryForObject("SELECT count(*) FROM reservation WHERE user_id = ?", Long.class, user.value());
	}

	private long keysOf(UserId user) {
		return this.jdbc.queryForObject("SELECT count(*) FROM idempotent_request WHERE user_id = ?", Long.class,
				user.value());
	}

	private String seatStatus(SeatId seat) {
		return this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, seat.value());
	}

}
