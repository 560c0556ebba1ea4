package dev.ticketing.point;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Caller;
import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.TestIssuer;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Charges and payments racing on one wallet against the real PostgreSQL: the relative,
 * conditional UPDATEs must never lose an update, never overdraw, never pass the cap, and
 * always leave the balance equal to the sum of the ledger.
 */
@IntegrationTest
class PointChargeRaceIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	PointService points;

	@Autowired
	JdbcTemplate jdbc;

	@Value("${concert.points.max-balance}")
	long maxBalance;

	@Test
	void twoHundredConcurrentChargesOnOneUserAreAllCounted() {
		UserId user = this.points.register(Points.of(1_000));
		List<Long> amounts = LongStream.rangeClosed(1, 200).boxed().toList();
		long charged = amounts.stream().mapToLong(Long::longValue).sum();

		List<Outcome<Points>> outcomes = Race.run(amounts.size(), (i) -> this.points.charge(user, amounts.get(i)));

		assertThat(Outcome.failures(outcomes)).isEmpty();
		assertThat(Outcome.values(outcomes)).as("each charge saw a balance of its own").doesNotHaveDuplicates();
		assertThat(this.points.balance(user)).isEqualTo(Points.of(1_000 + charged));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM point_ledger WHERE user_id = ? AND kind = 'CHARGE'",
				Long.class, user.value()))
			.as("the opening row and one row per charge")
			.isEqualTo(1 + 200);
		assertLedgerAddsUpTo(user, 1_000 + charged);
	}

	@Test
	void concurrentChargesAndPaymentsOnOneUserNeverLoseAnUpdate() {
		UserId user = this.points.register(Points.of(15_000));

		List<Outcome<Points>> outcomes = Race.run(200, (i) -> (i % 2 == 0) ? this.points.charge(user, 100)
				: this.points.use(user, Points.of(150), UUID.randomUUID()));

		assertThat(Outcome.failures(outcomes)).isEmpty();
		assertThat(this.points.balance(user)).isEqualTo(Points.of(15_000 + 100 * 100 - 100 * 150));
		assertThat(ledgerCount(user, "CHARGE")).isEqualTo(1 + 100);
		assertThat(ledgerCount(user, "USE")).isEqualTo(100);
		assertLedgerAddsUpTo(user, 10_000);
	}

	@Test
	void concurrentPaymentsNeverOverdrawAWallet() {
		UserId user = this.points.register(Points.of(1_000));

		List<Outcome<Points>> outcomes = Race.run(50, (i) -> this.points.use(user, Points.of(100), UUID.randomUUID()));

		assertThat(Outcome.values(outcomes)).hasSize(10);
		assertThat(Outcome.failures(outcomes)).hasSize(40)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(InsufficientBalance.class));
		assertThat(this.points.balance(user)).isEqualTo(Points.ZERO);
		assertThat(ledgerCount(user, "USE")).isEqualTo(10);
		assertLedgerAddsUpTo(user, 0);
	}

	@Test
	void concurrentChargesStopExactlyAtTheMaxBalance() {
		UserId user = this.points.register(Points.of(this.maxBalance - 500));

		List<Outcome<Points>> outcomes = Race.run(200, (i) -> this.points.charge(user, 10));

		assertThat(Outcome.values(outcomes)).hasSize(50);
		assertThat(Outcome.failures(outcomes)).hasSize(150)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
					(problem) -> assertThat(problem.code()).isEqualTo("BALANCE_LIMIT_EXCEEDED")));
		assertThat(this.points.balance(user)).isEqualTo(Points.of(this.maxBalance));
		assertLedgerAddsUpTo(user, this.maxBalance);
	}

	@Test
	void chargeThatWouldPassTheMaxBalanceIsRefusedAndChangesNothing() {
		Api api = new Api(this.port);
		UserId user = this.points.register(Points.of(this.maxBalance - 10));

		ResponseEntity<JsonNode> refused = api.post("/api/v1/users/" + user + "/points/charge", null,
				Map.of("amount", 11));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("BALANCE_LIMIT_EXCEEDED");
		assertThat(this.points.balance(user)).isEqualTo(Points.of(this.maxBalance - 10));
		assertThat(ledgerCount(user, "CHARGE")).as("only the opening row").isEqualTo(1);

		ResponseEntity<JsonNode> filled = api.post("/api/v1/users/" + user + "/points/charge", null,
				Map.of("amount", 10));
		assertThat(filled.getStatusCode()).as("charging up to the cap exactly is allowed").isEqualTo(HttpStatus.OK);
		assertThat(filled.getBody().get("balance").asLong()).isEqualTo(this.maxBalance);
		assertLedgerAddsUpTo(user, this.maxBalance);
	}

	@Test
	void aSignedInUserSeenForTheFirstTimeGetsAnEmptyWallet() {
		Api api = new Api(this.port);
		UserId newcomer = new UserId(UUID.randomUUID());

		ResponseEntity<JsonNode> balance = api.get("/api/v1/users/" + newcomer + "/points", null);

		assertThat(balance.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(balance.getBody().get("balance").asLong()).isZero();
		assertThat(api.post("/api/v1/users/" + newcomer + "/points/charge", null, Map.of("amount", 100))
			.getBody()
			.get("balance")
			.asLong()).isEqualTo(100);
		assertLedgerAddsUpTo(newcomer, 100);
	}

	@Test
	void aWalletNobodyHasOpenedIsAUserNotFoundProblemForAnOrganiser() {
		Api api = new Api(this.port).signedInWith(TestIssuer.tokenFor(UUID.randomUUID(), Caller.ORGANISER));
		UserId nobody = new UserId(UUID.randomUUID());

		ResponseEntity<JsonNode> balance = api.get("/api/v1/users/" + nobody + "/points", null);
		ResponseEntity<JsonNode> charge = api.post("/api/v1/users/" + nobody + "/points/charge", null,
				Map.of("amount", 100));

		assertThat(List.of(balance, charge)).allSatisfy((response) -> {
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(response.getBody().get("code").asString()).isEqualTo("USER_NOT_FOUND");
		});
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> this.points.charge(nobody, 100))
			.satisfies((problem) -> {
				assertThat(problem.status()).isEqualTo(404);
				assertThat(problem.code()).isEqualTo("USER_NOT_FOUND");
			});
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM wallet WHERE user_id = ?", Long.class, nobody.value()))
			.as("no wallet springs into being")
			.isZero();
	}

	/**
	 * The balance is the net sum of the ledger, and each ledger row's balance_after is
	 * the one before it moved by its amount: rows are numbered while the wallet row is
	 * locked, so their order is the order the updates happened in.
	 */
	private void assertLedgerAddsUpTo(UserId user, long balance) {
		assertThat(this.points.balance(user)).isEqualTo(Points.of(balance));
		assertThat(this.jdbc.queryForObject("""
				SELECT coalesce(sum(CASE kind WHEN 'CHARGE' THEN amount ELSE -amount END), 0)
				  FROM point_ledger WHERE user_id = ?""", Long.class, user.value())).as("net sum of the ledger")
			.isEqualTo(balance);
		List<Map<String, Object>> rows = this.jdbc.queryForList(
				"SELECT kind, amount, balance_after FROM point_ledger WHERE user_id = ? ORDER BY id", user.value());
		long running = 0;
		for (Map<String, Object> row : rows) {
			long amount = (Long) row.get("amount");
			running += "CHARGE".equals(row.get("kind")) ? amount : -amount;
			assertThat((Long) row.get("balance_after")).as("balance_after of %s", row).isEqualTo(running);
		}
	}

	private long ledgerCount(UserId user, String kind) {
		return this.jdbc.queryForObject("SELECT count(*) FROM point_ledger WHERE user_id = ? AND kind = ?", Long.class,
				user.value(), kind);
	}

}
