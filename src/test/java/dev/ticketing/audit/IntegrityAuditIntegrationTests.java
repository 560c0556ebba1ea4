package dev.ticketing.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.ticketing.audit.IntegrityAudit.Finding;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.point.PointService;
import dev.ticketing.queue.QueueCensus;
import dev.ticketing.support.Api;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit passes on the state real bookings leave behind and fails on the right check
 * when the data is corrupted behind the service's back. Each corruption runs in a
 * transaction that is rolled back, so the tests do not see each other's damage.
 */
@IntegrationTest
@TestPropertySource(properties = "concert.queue.max-active=" + IntegrityAuditIntegrationTests.MAX_ACTIVE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntegrityAuditIntegrationTests {

	static final int MAX_ACTIVE = 3;

	@LocalServerPort
	int port;

	@Autowired
	ConcertService concerts;

	@Autowired
	PointService points;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	QueueCensus census;

	@Autowired
	TransactionTemplate transactions;

	@Value("${concert.queue.key-prefix}")
	String prefix;

	ConcertId concert;

	UserId rich;

	String soldReservation;

	String refundedReservation;

	long refundedSeat;

	@BeforeAll
	void bookAsTheLoadTestDoes() {
		Api api = new Api(this.port);
		this.concert = this.concerts.addConcert("Audit", "Hall", List.of(Instant.now().plus(Duration.ofDays(3))), 5,
				Points.of(1_000));
		this.rich = this.points.register(Points.of(5_000));
		UserId poor = this.points.register(Points.ZERO);

		String richToken = api.token(this.concert, this.rich);
		long date = api.get("/api/v1/concerts/" + this.concert + "/dates", richToken)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		JsonNode seats = api.get("/api/v1/concerts/" + this.concert + "/dates/" + date + "/seats", richToken).getBody();
		this.soldReservation = hold(api, richToken, seats.get(0).get("seatId").asLong(), date);
		assertThat(api.post("/api/v1/payments/" + this.soldReservation, richToken, null).getStatusCode())
			.isEqualTo(HttpStatus.OK);

		// A ticket given to another fan: the reservation and its payment stay the
		// buyer's.
		String ticket = api.get("/api/v1/users/" + this.rich + "/tickets", null)
			.getBody()
			.get(0)
			.get("ticketId")
			.asString();
		assertThat(api
			.post("/api/v1/users/" + this.rich + "/tickets/" + ticket + "/transfers", null,
					Map.of("toUser", poor.toString()))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		this.refundedSeat = seats.get(2).get("seatId").asLong();
		// The payment ended the rich user's admission: a new entry into the line.
		String again = api.token(this.concert, this.rich);
		this.refundedReservation = hold(api, again, this.refundedSeat, date);
		assertThat(api.post("/api/v1/payments/" + this.refundedReservation, again, null).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(api
			.post("/api/v1/organiser/reservations/" + this.refundedReservation + "/refund",
					TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER"), null)
			.getStatusCode()).isEqualTo(HttpStatus.OK);

		String poorToken = api.token(this.concert, poor);
		String unpaid = hold(api, poorToken, seats.get(1).get("seatId").asLong(), date);
		assertThat(api.post("/api/v1/payments/" + unpaid, poorToken, null).getStatusCode())
			.isEqualTo(HttpStatus.CONFLICT);
	}

	private String hold(Api api, String token, long seat, long date) {
		JsonNode held = api
			.post("/api/v1/reservations/seats/" + seat, token,
					Map.of("concertId", this.concert.toString(), "concertDateId", date))
			.getBody();
		return held.get("reservationId").asString();
	}

	@Test
	void passesOnTheStateThatBookingsPaymentsRefundsAndFailedPaymentsLeave() {
		List<Finding> findings = audit();
		assertThat(findings).hasSize(13).allSatisfy((f) -> assertThat(f.passed()).as(f.toString()).isTrue());
		assertThat(findings.getLast().detail()).contains("max-active " + MAX_ACTIVE);
	}

	@Test
	void failsWhenASoldSeatGetsASecondPaidReservation() {
		List<Finding> findings = corrupted((sql) -> sql.sql("""
				INSERT INTO reservation (id, user_id, concert_id, concert_date_id, seat_id, price, status, held_at,
				                         expires_at, paid_at)
				SELECT ?, user_id, concert_id, concert_date_id, seat_id, price, 'PAID', held_at, expires_at,
				       paid_at
				FROM reservation WHERE id = ?
				""").params(UUID.randomUUID(), UUID.fromString(this.soldReservation)).update());
		assertThat(failed(findings)).contains("seat held or sold at most once", "sold seat matches its reservation");
	}

	@Test
	void failsWhenASeatIsSoldWithoutAPaidReservation() {
		List<Finding> findings = corrupted((sql) -> sql.sql("""
				UPDATE seat SET status = 'SOLD', holder_id = ?, reservation_id = ?, hold_expires_at = NULL
				WHERE status = 'AVAILABLE' AND id = (SELECT min(id) FROM seat WHERE status = 'AVAILABLE')
				""").params(this.rich.value(), UUID.randomUUID()).update());
		assertThat(failed(findings)).containsExactly("sold seat matches its reservation");
	}

	@Test
	void failsWhenAPaidReservationHasNoPayment() {
		List<Finding> findings = corrupted((sql) -> sql.sql("DELETE FROM payment WHERE reservation_id = ?")
			.param(UUID.fromString(this.soldReservation))
			.update());
		assertThat(failed(findings)).contains("paid reservation paid for exactly once", "money conserved");
	}

	@Test
	void failsWhenAPaymentAmountDiffersFromThePrice() {
		List<Finding> findings = corrupted((sql) -> sql.sql("UPDATE payment SET amount = amount - 1").update());
		assertThat(failed(findings)).contains("paid reservation paid for exactly once", "money conserved");
	}

	@Test
	void failsWhenABalanceDriftsFromItsLedger() {
		List<Finding> findings = corrupted((sql) -> sql.sql("UPDATE wallet SET balance = balance + 1 WHERE user_id = ?")
			.param(this.rich.value())
			.update());
		assertThat(failed(findings)).containsExactlyInAnyOrder("balance equals its ledger", "money conserved");
	}

	@Test
	void failsWhenPointsAreUsedWithoutAPayment() {
		List<Finding> findings = corrupted((sql) -> {
			sql.sql("UPDATE wallet SET balance = balance - 100 WHERE user_id = ?").param(this.rich.value()).update();
			sql.sql("""
					INSERT INTO point_ledger (user_id, kind, amount, balance_after, created_at)
					SELECT user_id, 'USE', 100, balance, now() FROM wallet WHERE user_id = ?
					""").param(this.rich.value()).update();
		});
		assertThat(failed(findings)).containsExactlyInAnyOrder("payment taken exactly once", "money conserved");
	}

	@Test
	void failsWhenAPaymentTakesItsPointsTwice() {
		List<Finding> findings = corrupted((sql) -> {
			sql.sql("UPDATE wallet SET balance = balance - 1000 WHERE user_id = ?").param(this.rich.value()).update();
			sql.sql("""
					INSERT INTO point_ledger (user_id, kind, amount, balance_after, reference, created_at)
					SELECT user_id, 'USE', 1000, balance, ?, now() FROM wallet WHERE user_id = ?
					""").params(UUID.fromString(this.soldReservation), this.rich.value()).update();
		});
		assertThat(failed(findings)).containsExactlyInAnyOrder("payment taken exactly once", "money conserved");
	}

	@Test
	void failsWhenATicketIsHeldByAFanItDoesNotCountFor() {
		List<Finding> findings = corrupted((sql) -> sql.sql("UPDATE ticket SET holder_id = ? WHERE reservation_id = ?")
			.params(UUID.randomUUID(), UUID.fromString(this.soldReservation))
			.update());
		assertThat(failed(findings)).containsExactly("paid seat has its ticket");
	}

	@Test
	void failsWhenAPaidReservationHasNoTicket() {
		List<Finding> findings = corrupted((sql) -> {
			sql.sql("DELETE FROM ticket_transfer").update();
			sql.sql("DELETE FROM ticket WHERE reservation_id = ?")
				.param(UUID.fromString(this.soldReservation))
				.update();
		});
		assertThat(failed(findings)).containsExactly("paid seat has its ticket");
	}

	@Test
	void failsWhenAHeldSeatHasNoReservation() {
		List<Finding> findings = corrupted((sql) -> sql.sql("""
				UPDATE seat SET status = 'HELD', holder_id = ?, reservation_id = ?, hold_expires_at = ?
				WHERE status = 'AVAILABLE' AND id = (SELECT min(id) FROM seat WHERE status = 'AVAILABLE')
				""")
			.params(this.rich.value(), UUID.randomUUID(),
					java.sql.Timestamp.from(Instant.now().plus(Duration.ofMinutes(5))))
			.update());
		assertThat(failed(findings)).containsExactly("held seat has its reservation");
	}

	@Test
	void countsAHoldEndingAtTheAuditsNowAsOverAsEveryStatementAboutLiveHoldsDoes() {
		Instant now = Instant.parse("2030-01-01T00:00:00Z");
		List<Finding> findings = this.transactions.execute((status) -> {
			status.setRollbackOnly();
			// The sold seat gets a second hold that ends exactly at the audit's now:
			// over.
			this.jdbc.sql("""
					INSERT INTO reservation (id, user_id, concert_id, concert_date_id, seat_id, price, status, held_at,
					                         expires_at)
					SELECT ?, user_id, concert_id, concert_date_id, seat_id, price, 'HELD', held_at, ?
					FROM reservation WHERE id = ?
					""")
				.params(UUID.randomUUID(), java.sql.Timestamp.from(now), UUID.fromString(this.soldReservation))
				.update();
			List<Finding> atTheEnd = new IntegrityAudit(this.jdbc, this.census, Clock.fixed(now, ZoneOffset.UTC)).run();
			List<Finding> before = new IntegrityAudit(this.jdbc, this.census,
					Clock.fixed(now.minusMillis(1), ZoneOffset.UTC))
				.run();
			assertThat(failed(before)).as("a millisecond before, the hold is live")
				.contains("seat held or sold at most once");
			return atTheEnd;
		});
		assertThat(failed(findings)).doesNotContain("seat held or sold at most once");
	}

	@Test
	void failsWhenARefundedSeatIsStillSoldToItsReservation() {
		List<Finding> findings = corrupted((sql) -> sql.sql("""
				UPDATE seat SET status = 'SOLD', holder_id = ?, reservation_id = ?, hold_expires_at = NULL WHERE id = ?
				""").params(this.rich.value(), UUID.fromString(this.refundedReservation), this.refundedSeat).update());
		assertThat(failed(findings)).contains("refunded seat released", "sold seat matches its reservation");
	}

	@Test
	void failsWhenARefundIsPaidBackTwice() {
		List<Finding> findings = corrupted((sql) -> {
			sql.sql("UPDATE wallet SET balance = balance + 1000 WHERE user_id = ?").param(this.rich.value()).update();
			sql.sql("""
					INSERT INTO point_ledger (user_id, kind, amount, balance_after, reference, created_at)
					SELECT user_id, 'REFUND', 1000, balance, ?, now() FROM wallet WHERE user_id = ?
					""").params(UUID.fromString(this.refundedReservation), this.rich.value()).update();
		});
		assertThat(failed(findings)).containsExactlyInAnyOrder("refund paid back exactly once", "money conserved");
	}

	@Test
	void failsWhenAPaymentIsRefundedWithoutThePointsGoingBack() {
		List<Finding> findings = corrupted((sql) -> {
			sql.sql("UPDATE payment SET status = 'REFUNDED' WHERE reservation_id = ?")
				.param(UUID.fromString(this.soldReservation))
				.update();
			sql.sql("UPDATE reservation SET status = 'REFUNDED' WHERE id = ?")
				.param(UUID.fromString(this.soldReservation))
				.update();
		});
		assertThat(failed(findings)).contains("refund paid back exactly once", "money conserved",
				"refunded seat released");
	}

	@Test
	void failsWhenMoreUsersThanMaxActiveAreActive() {
		String key = this.prefix + "queue:{" + UUID.randomUUID() + "}:active";
		long future = Instant.now().plus(Duration.ofMinutes(5)).toEpochMilli();
		try {
			for (int i = 0; i <= MAX_ACTIVE; i++) {
				this.redis.opsForZSet().add(key, UUID.randomUUID().toString(), future);
			}
			this.redis.opsForZSet().add(key, "run-out", Instant.now().minusSeconds(5).toEpochMilli());
			assertThat(failed(audit())).containsExactly("ACTIVE users within max-active");

			this.redis.opsForZSet().removeRange(key, 0, 1);
			assertThat(failed(audit())).as("run-out admissions do not count").isEmpty();
		}
		finally {
			this.redis.delete(key);
		}
	}

	@Test
	void failsWhenAConcertHasMoreUsersActiveThanItsOwnCapThoughFewerThanMaxActive() {
		UUID concert = UUID.randomUUID();
		String key = this.prefix + "queue:{" + concert + "}:active";
		long future = Instant.now().plus(Duration.ofMinutes(5)).toEpochMilli();
		try {
			this.redis.opsForZSet().add(key, "one", future);
			this.redis.opsForZSet().add(key, "two", future);
			List<Finding> findings = corrupted((sql) -> sql.sql("""
					INSERT INTO concert (id, title, venue, created_at, queue_max_active)
					VALUES (?, 'Own cap', 'Hall', now(), 1)
					""").param(concert).update());
			assertThat(failed(findings)).containsExactly("ACTIVE users within max-active");
		}
		finally {
			this.redis.delete(key);
		}
	}

	private List<Finding> audit() {
		return new IntegrityAudit(this.jdbc, this.census, Clock.systemUTC()).run();
	}

	private List<Finding> corrupted(Consumer<JdbcClient> corruption) {
		return this.transactions.execute((status) -> {
			status.setRollbackOnly();
			corruption.accept(this.jdbc);
			List<Finding> findings = audit();
			AuditCommand.print(findings, System.out);
			return findings;
		});
	}

	private static List<String> failed(List<Finding> findings) {
		return findings.stream().filter((f) -> !f.passed()).map(Finding::check).toList();
	}

}
