package dev.ticketing.challenge;

import java.util.Map;
import java.util.UUID;

import org.altcha.altcha.Altcha;
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
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost to join over HTTP against the real PostgreSQL and Redis: an organiser turns it
 * on (recorded in the audit log, organisers only); a fan fetches a challenge for
 * themselves only; a join without, with another's or with a reused solution gets 403 and
 * no place in the line; the seed's concerts ask for nothing.
 */
@IntegrationTest
class JoinChallengeIntegrationTests {

	static final String CONCERTS = "/api/v1/organiser/concerts";

	static final UserId OLIVIA = new UserId(UUID.randomUUID());

	static final String ORGANISER = TestIssuer.tokenFor(OLIVIA.value(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	QueueService queue;

	Api api() {
		return new Api(this.port);
	}

	@Test
	void aFanJoinsALineThatAsksForWorkOnlyWithAFreshSolutionOfTheirOwn() {
		ConcertId concert = challenged();
		UserId fan = this.boxOffice.fan(Points.of(0));

		assertRefused(api().joinLine(concert, fan, null), "CHALLENGE_REQUIRED");
		Altcha.Challenge challenge = challenge(concert, fan);
		String solution = JoinChallengesTests.solve(challenge);
		UserId other = this.boxOffice.fan(Points.of(0));
		assertRefused(api().joinLine(concert, other, solution), "CHALLENGE_FAILED");
		assertThat(Line.places(this.queue, concert)).as("no refused fan has a place").isZero();

		ResponseEntity<JsonNode> joined = api().joinLine(concert, fan, solution);
		assertThat(joined.getStatusCode().value()).isEqualTo(201);
		assertThat(joined.getBody().get("tokenId").asString()).isNotBlank();

		assertRefused(api().joinLine(concert, fan, solution), "CHALLENGE_REUSED");
		assertThat(Line.places(this.queue, concert)).isEqualTo(1);
	}

	@Test
	void aChallengeIsForTheSignedInFanItselfOnly() {
		ConcertId concert = challenged();
		UserId fan = this.boxOffice.fan(Points.of(0));
		String path = "/api/v1/queue/concerts/" + concert + "/users/" + fan + "/challenge";

		assertThat(api().anonymous().get(path, null).getStatusCode().value()).isEqualTo(401);
		ResponseEntity<JsonNode> someoneElse = api().get(path, TestIssuer.tokenFor(UUID.randomUUID()));
		assertThat(someoneElse.getStatusCode().value()).isEqualTo(403);
		assertThat(someoneElse.getBody().get("code").asString()).isEqualTo("USER_MISMATCH");
		ResponseEntity<JsonNode> own = api().get(path, null);
		assertThat(own.getStatusCode().value()).isEqualTo(200);
		assertThat(own.getHeaders().getCacheControl()).contains("no-store");
		assertThat(own.getBody().get("algorithm").asString()).isEqualTo("SHA-256");
		assertThat(own.getBody().get("salt").asString()).contains("concert=" + concert).contains("fan=" + fan);
		assertThat(api().get("/api/v1/queue/concerts/" + UUID.randomUUID() + "/users/" + fan + "/challenge", null)
			.getStatusCode()
			.value()).isEqualTo(404);
	}

	@Test
	void onlyAnOrganiserTurnsItOnAndTheAuditLogSaysWhoDid() {
		ConcertId concert = this.boxOffice.concert("Open Night", 2, Points.of(100));
		String fanToken = TestIssuer.tokenFor(UUID.randomUUID());

		assertThat(api().anonymous()
			.patch(CONCERTS + "/" + concert, null, Map.of("joinChallenge", true))
			.getStatusCode()
			.value()).isEqualTo(401);
		assertThat(
				api().patch(CONCERTS + "/" + concert, fanToken, Map.of("joinChallenge", true)).getStatusCode().value())
			.isEqualTo(403);
		assertThat(joinChallengeOf(concert)).as("refused calls change nothing").isFalse();
		UserId fan = this.boxOffice.fan(Points.of(0));
		assertThat(api().joinLine(concert, fan, null).getStatusCode().value()).as("off: the seed clients' way")
			.isEqualTo(201);

		JsonNode changed = api().patch(CONCERTS + "/" + concert, ORGANISER, Map.of("joinChallenge", true)).getBody();
		assertThat(changed.get("joinChallenge").asBoolean()).isTrue();
		assertThat(joinChallengeOf(concert)).isTrue();
		Map<String, Object> logged = this.jdbc
			.queryForMap("SELECT actor, details FROM audit_log WHERE action = 'CONCERT_CHANGED' AND subject = ?"
					+ " AND details LIKE '%joinChallenge%'", concert.toString());
		assertThat(logged.get("actor")).isEqualTo(OLIVIA.toString());
		assertThat((String) logged.get("details")).contains("joinChallenge").contains("\"to\":true");
	}

	@Test
	void aFanTurnedAwayByAPresaleKeepsTheirSolution() {
		ConcertId concert = challenged();
		String presale = CONCERTS + "/" + concert + "/presale";
		api().put(presale, ORGANISER, Map.of("generalSaleAt", java.time.Instant.now().plusSeconds(3_600).toString()));
		api().post(presale + "/codes", ORGANISER, Map.of("count", 1));
		String code = api().getText(presale + "/codes.csv", ORGANISER)
			.getBody()
			.lines()
			.skip(1)
			.findFirst()
			.orElseThrow()
			.split(",")[0];
		UserId fan = this.boxOffice.fan(Points.of(0));
		String solution = JoinChallengesTests.solve(challenge(concert, fan));

		assertRefused(api().joinLine(concert, fan, solution), "PRESALE_ONLY");
		api().post("/api/v1/presale/concerts/" + concert + "/users/" + fan + "/code", null, Map.of("code", code));
		assertThat(api().joinLine(concert, fan, solution).getStatusCode().value())
			.as("the invitation is checked first, so the refusal left the solution unspent")
			.isEqualTo(201);
	}

	private ConcertId challenged() {
		ConcertId concert = this.boxOffice.concert("Busy Night", 2, Points.of(100));
		assertThat(
				api().patch(CONCERTS + "/" + concert, ORGANISER, Map.of("joinChallenge", true)).getStatusCode().value())
			.isEqualTo(200);
		return concert;
	}

	private Altcha.Challenge challenge(ConcertId concert, UserId fan) {
		return JoinRateBenchmark.ChallengeFetch.fetch(api(), concert, fan);
	}

	private boolean joinChallengeOf(ConcertId concert) {
		return this.jdbc.queryForObject("SELECT join_challenge FROM concert WHERE id = ?", Boolean.class,
				concert.value());
	}

	private static void assertRefused(ResponseEntity<JsonNode> answer, String code) {
		assertThat(answer.getStatusCode().value()).isEqualTo(403);
		assertThat(answer.getBody().get("code").asString()).isEqualTo(code);
	}

}
