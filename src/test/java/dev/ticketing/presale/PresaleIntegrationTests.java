package dev.ticketing.presale;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.queue.QueueService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Line;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.Race;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Presales against the real PostgreSQL and Redis: until the general sale only code
 * holders and lottery winners get a place in the line (anyone else 403
 * {@code PRESALE_ONLY} and no place), then everyone; a code binds to the first fan of two
 * racing for it; the draw runs once, after registration, and anyone re-running it with
 * the published seed gets the same winners; every call refuses whoever may not make it
 * and changes nothing; the organiser's changes are in the audit log.
 */
@IntegrationTest
@Import(MutableClockConfiguration.class)
class PresaleIntegrationTests {

	static final UserId OLIVIA = new UserId(UUID.randomUUID());

	static final String ORGANISER = TestIssuer.tokenFor(OLIVIA.value(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	QueueService queue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	Api api() {
		return new Api(this.port);
	}

	@Test
	void untilTheGeneralSaleOnlyACodeHolderGetsAPlaceThenEveryoneDoes() {
		ConcertId concert = concert();
		Instant generalSale = presale(concert, null);
		List<String> codes = generateCodes(concert, 3);
		UserId holder = fan();
		UserId stranger = fan();

		ResponseEntity<JsonNode> refused = api().joinLine(concert, stranger, null);
		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("PRESALE_ONLY");
		assertThat(Line.places(this.queue, concert)).isZero();

		JsonNode redeemed = api()
			.post(fanPath(concert, holder) + "/code", null,
					Map.of("code", codes.get(0).toLowerCase().replace("-", " ")))
			.getBody();
		assertThat(redeemed.get("invited").asBoolean()).isTrue();
		assertThat(api().joinLine(concert, holder, null).getStatusCode().value()).isEqualTo(201);
		assertThat(Line.places(this.queue, concert)).isEqualTo(1);

		this.clock.set(generalSale);
		assertThat(api().joinLine(concert, stranger, null).getStatusCode().value()).as("the general sale")
			.isEqualTo(201);
	}

	@Test
	void ofTwoFansRacingForOneCodeExactlyOneGetsIt() {
		ConcertId concert = concert();
		presale(concert, null);
		String code = generateCodes(concert, 1).getFirst();
		List<UserId> fans = List.of(fan(), fan());

		List<Race.Outcome<Integer>> outcomes = Race.run(2,
				(i) -> api().post(fanPath(concert, fans.get(i)) + "/code", null, Map.of("code", code))
					.getStatusCode()
					.value());

		assertThat(Race.Outcome.values(outcomes)).containsExactlyInAnyOrder(200, 409);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM presale_code WHERE redeemed_by IS NOT NULL" + " AND concert_id = ?",
				Integer.class, concert.value()))
			.isEqualTo(1);
		int winner = Race.Outcome.values(outcomes).indexOf(200);
		assertThat(api().post(fanPath(concert, fans.get(winner)) + "/code", null, Map.of("code", code))
			.getStatusCode()
			.value()).as("the winner's own code again").isEqualTo(200);
		ResponseEntity<JsonNode> unknown = api().post(fanPath(concert, fans.get(0)) + "/code", null,
				Map.of("code", "2222-2222-2222"));
		assertThat(unknown.getStatusCode().value()).isEqualTo(404);
		assertThat(unknown.getBody().get("code").asString()).isEqualTo("CODE_UNKNOWN");
	}

	@Test
	void theLotteryDrawsOnceAfterRegistrationAndAnyoneReRunningItGetsTheSameWinners() {
		ConcertId concert = concert();
		Instant now = this.clock.instant();
		Instant opens = now.plus(Duration.ofMinutes(5));
		Instant closes = now.plus(Duration.ofMinutes(30));
		presale(concert, Map.of("registrationOpensAt", opens.toString(), "registrationClosesAt", closes.toString(),
				"winners", 2));
		List<UserId> fans = List.of(fan(), fan(), fan(), fan(), fan());
		assertThat(api().post(fanPath(concert, fans.get(0)) + "/registration", null, null)
			.getBody()
			.get("code")
			.asString()).isEqualTo("REGISTRATION_CLOSED");

		this.clock.set(opens);
		for (UserId fan : fans) {
			assertThat(api().post(fanPath(concert, fan) + "/registration", null, null).getStatusCode().value())
				.isEqualTo(200);
		}
		api().post(fanPath(concert, fans.get(0)) + "/registration", null, null);
		JsonNode before = api().get("/api/v1/presale/concerts/" + concert + "/draw", null).getBody();
		assertThat(before.has("seed")).as("the seed stays secret until the draw").isFalse();
		assertThat(draw(concert).getBody().get("code").asString()).isEqualTo("LOTTERY_OPEN");

		this.clock.set(closes);
		assertThat(draw(concert).getStatusCode().value()).isEqualTo(200);
		assertThat(draw(concert).getBody().get("code").asString()).isEqualTo("ALREADY_DRAWN");

		JsonNode result = api().get("/api/v1/presale/concerts/" + concert + "/draw", null).getBody();
		String seed = result.get("seed").asString();
		assertThat(Draw.commitment(seed)).isEqualTo(before.get("seedCommitment").asString());
		List<Long> registrations = result.get("registrations").valueStream().map(JsonNode::asLong).toList();
		List<Long> winners = result.get("winners").valueStream().map(JsonNode::asLong).toList();
		assertThat(registrations).hasSize(5);
		assertThat(Draw.winners(seed, registrations, 2)).containsExactlyInAnyOrderElementsOf(winners).hasSize(2);
		assertThat(
				this.jdbc.queryForObject("SELECT details FROM audit_log WHERE subject = ? AND action = 'PRESALE_DRAWN'",
						String.class, concert.toString()))
			.contains(seed)
			.contains("\"registrations\":5");

		int won = 0;
		for (UserId fan : fans) {
			JsonNode standing = api().get(fanPath(concert, fan), null).getBody();
			int status = api().joinLine(concert, fan, null).getStatusCode().value();
			assertThat(status).isEqualTo(standing.get("won").asBoolean() ? 201 : 403);
			won += standing.get("won").asBoolean() ? 1 : 0;
		}
		assertThat(won).isEqualTo(2);
	}

	@Test
	void theOrganisersCallsAreTheirsAloneAndRecordedInTheAuditLog() {
		ConcertId concert = concert();
		String base = "/api/v1/organiser/concerts/" + concert + "/presale";
		String fanToken = TestIssuer.tokenFor(UUID.randomUUID());
		Map<String, Object> body = Map.of("generalSaleAt", this.clock.instant().plusSeconds(3600).toString());
		for (String token : new String[] { null, fanToken }) {
			Api caller = (token == null) ? api().anonymous() : api();
			int expected = (token == null) ? 401 : 403;
			assertThat(caller.put(base, token, body).getStatusCode().value()).isEqualTo(expected);
			assertThat(caller.get(base, token).getStatusCode().value()).isEqualTo(expected);
			assertThat(caller.post(base + "/codes", token, Map.of("count", 5)).getStatusCode().value())
				.isEqualTo(expected);
			assertThat(caller.get(base + "/codes.csv", token).getStatusCode().value()).isEqualTo(expected);
			assertThat(caller.post(base + "/draw", token, null).getStatusCode().value()).isEqualTo(expected);
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM presale WHERE concert_id = ?", Integer.class,
				concert.value()))
			.as("refused calls change nothing")
			.isZero();

		presale(concert, null);
		List<String> codes = generateCodes(concert, 4);
		assertThat(codes).hasSize(4)
			.doesNotHaveDuplicates()
			.allMatch((code) -> code.matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}"));
		assertThat(api().post(base + "/codes", ORGANISER, Map.of("count", 0)).getBody().get("code").asString())
			.isEqualTo("INVALID_CODE_COUNT");
		assertThat(this.jdbc.queryForList("SELECT action FROM audit_log WHERE subject = ? ORDER BY id", String.class,
				concert.toString()))
			.contains("PRESALE_CHANGED", "PRESALE_CODES_GENERATED", "PRESALE_CODES_EXPORTED");
		assertThat(this.jdbc.queryForObject(
				"SELECT actor FROM audit_log WHERE subject = ? AND action = 'PRESALE_CODES_GENERATED'", String.class,
				concert.toString()))
			.isEqualTo(OLIVIA.toString());
	}

	@Test
	void aFansCallsAreTheirOwnAlone() {
		ConcertId concert = concert();
		presale(concert, Map.of("registrationOpensAt", this.clock.instant().toString(), "registrationClosesAt",
				this.clock.instant().plusSeconds(600).toString(), "winners", 1));
		String code = generateCodes(concert, 1).getFirst();
		UserId fan = fan();
		String other = TestIssuer.tokenFor(UUID.randomUUID());
		String path = fanPath(concert, fan);

		assertThat(api().anonymous().get(path, null).getStatusCode().value()).isEqualTo(401);
		assertThat(api().anonymous().post(path + "/registration", null, null).getStatusCode().value()).isEqualTo(401);
		assertThat(api().anonymous().post(path + "/code", null, Map.of("code", code)).getStatusCode().value())
			.isEqualTo(401);
		assertThat(api().get(path, other).getStatusCode().value()).isEqualTo(403);
		assertThat(api().post(path + "/registration", other, null).getStatusCode().value()).isEqualTo(403);
		assertThat(api().post(path + "/code", other, Map.of("code", code)).getStatusCode().value()).isEqualTo(403);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM presale_registration WHERE concert_id = ?",
				Integer.class, concert.value()))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM presale_code WHERE concert_id = ? AND redeemed_by IS NOT NULL", Integer.class,
				concert.value()))
			.isZero();
		assertThat(api().anonymous().get("/api/v1/presale/concerts/" + concert + "/draw", null).getStatusCode().value())
			.as("the draw's result is public")
			.isEqualTo(200);
	}

	private ConcertId concert() {
		return this.boxOffice.concert("Presale Night", 2, Points.of(100));
	}

	private UserId fan() {
		return this.boxOffice.fan(Points.of(0));
	}

	/** Sets a presale ending in an hour, with the lottery given (or none); its end. */
	private Instant presale(ConcertId concert, Map<String, Object> lottery) {
		Instant generalSale = this.clock.instant().plus(Duration.ofHours(1));
		Map<String, Object> body = new HashMap<>();
		body.put("generalSaleAt", generalSale.toString());
		body.put("lottery", lottery);
		ResponseEntity<JsonNode> set = api().put("/api/v1/organiser/concerts/" + concert + "/presale", ORGANISER, body);
		assertThat(set.getStatusCode().value()).isEqualTo(200);
		return generalSale;
	}

	private List<String> generateCodes(ConcertId concert, int count) {
		String base = "/api/v1/organiser/concerts/" + concert + "/presale";
		assertThat(api().post(base + "/codes", ORGANISER, Map.of("count", count)).getStatusCode().value())
			.isEqualTo(201);
		ResponseEntity<String> csv = api().getText(base + "/codes.csv", ORGANISER);
		assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
		List<String> lines = csv.getBody().lines().toList();
		assertThat(lines.getFirst()).isEqualTo("code,redeemed,createdAt,redeemedAt");
		return lines.stream().skip(1).map((line) -> line.split(",")[0]).toList();
	}

	private ResponseEntity<JsonNode> draw(ConcertId concert) {
		return api().post("/api/v1/organiser/concerts/" + concert + "/presale/draw", ORGANISER, null);
	}

	private static String fanPath(ConcertId concert, UserId fan) {
		return "/api/v1/presale/concerts/" + concert + "/users/" + fan;
	}

}
