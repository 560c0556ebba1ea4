package dev.ticketing.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ticketing.common.Caller;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.point.PointService;
import dev.ticketing.queue.QueueService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, in {@code oidc} mode against a provider found through Spring Boot's
 * standard {@code issuer-uri}: every call that acts for a user refuses every caller but
 * that user (and an organiser for a wallet), with the right problem, and changes nothing.
 */
@IntegrationTest
class AccessIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	PointService points;

	@Autowired
	QueueService queue;

	@Autowired
	JdbcTemplate jdbc;

	ConcertId concert;

	UserId owner;

	@BeforeEach
	void concertAndOwner() {
		this.concert = this.boxOffice.concert("Access", Duration.ofDays(3), 5, Points.of(100));
		this.owner = this.boxOffice.fan(Points.of(1_000));
	}

	/** Each wrong way to call, with the refusal it gets. */
	static Stream<Arguments> wrongCallers() {
		return Stream.of(refused("no token", (user) -> null, 401, "UNAUTHENTICATED"),
				refused("a token that is not a JWT", (user) -> "not-a-jwt", 401, "UNAUTHENTICATED"),
				refused("an expired token",
						(user) -> TestIssuer.token().subject(user).expiresAt(Instant.now().minusSeconds(120)).sign(),
						401, "UNAUTHENTICATED"),
				refused("a token signed by another key",
						(user) -> TestIssuer.token().subject(user).signedWith(TestIssuer.untrustedKey()).sign(), 401,
						"UNAUTHENTICATED"),
				refused("a token of another issuer",
						(user) -> TestIssuer.token().subject(user).issuer("https://elsewhere.test").sign(), 401,
						"UNAUTHENTICATED"),
				refused("a token for another audience",
						(user) -> TestIssuer.token().subject(user).audiences("another-service").sign(), 401,
						"UNAUTHENTICATED"),
				refused("a token whose subject is not a user id", (user) -> TestIssuer.token().subject("alice").sign(),
						401, "UNAUTHENTICATED"),
				refused("another user's token", (user) -> TestIssuer.tokenFor(UUID.randomUUID()), 403,
						"USER_MISMATCH"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongCallers")
	void aQueueTokenIsIssuedOnlyToTheUserItself(String caller, Function<String, String> token, int status,
			String code) {
		ResponseEntity<JsonNode> answer = bare().post("/api/v1/queue/concerts/" + this.concert + "/users/" + this.owner,
				token.apply(this.owner.toString()), null);

		assertRefused(answer, status, code);
		assertThat(this.queue.size(this.concert).waiting() + this.queue.size(this.concert).active())
			.as("nobody entered the line")
			.isZero();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongCallers")
	void aBalanceIsShownOnlyToItsOwner(String caller, Function<String, String> token, int status, String code) {
		assertRefused(bare().get(wallet(), token.apply(this.owner.toString())), status, code);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongCallers")
	void aWalletIsChargedOnlyByItsOwner(String caller, Function<String, String> token, int status, String code) {
		ResponseEntity<JsonNode> answer = bare().post(wallet() + "/charge", token.apply(this.owner.toString()),
				Map.of("amount", 10_000_000));

		assertRefused(answer, status, code);
		assertThat(this.points.balance(this.owner)).isEqualTo(Points.of(1_000));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM point_ledger WHERE user_id = ?", Long.class,
				this.owner.value()))
			.as("only the opening row")
			.isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongCallers")
	void aWrongCallerGetsNoWallet(String caller, Function<String, String> token, int status, String code) {
		UserId stranger = new UserId(UUID.randomUUID());

		assertRefused(bare().get("/api/v1/users/" + stranger + "/points", token.apply(stranger.toString())), status,
				code);
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM wallet WHERE user_id = ?", Long.class, stranger.value()))
			.isZero();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("wrongCallers")
	void aUsersReservationsAreListedOnlyToTheUser(String caller, Function<String, String> token, int status,
			String code) {
		long reservations = this.jdbc.queryForObject("SELECT count(*) FROM reservation", Long.class);

		assertRefused(bare().get("/api/v1/users/" + this.owner + "/reservations", token.apply(this.owner.toString())),
				status, code);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservation", Long.class)).isEqualTo(reservations);
	}

	@Test
	void anOrganiserMayReadAndChargeAnyWalletButTakesNobodysPlaceInLine() {
		Api organiser = new Api(this.port).signedInWith(TestIssuer.tokenFor(UUID.randomUUID(), Caller.ORGANISER));

		assertThat(organiser.get(wallet(), null).getBody().get("balance").asLong()).isEqualTo(1_000);
		assertThat(organiser.post(wallet() + "/charge", null, Map.of("amount", 500)).getBody().get("balance").asLong())
			.isEqualTo(1_500);
		assertRefused(organiser.post("/api/v1/queue/concerts/" + this.concert + "/users/" + this.owner, null, null),
				403, "USER_MISMATCH");
	}

	@Test
	void organiserCallsNeedTheOrganiserRole() {
		assertRefused(bare().get("/api/v1/organiser/concerts", TestIssuer.tokenFor(this.owner)), 403, "ROLE_REQUIRED");
		assertRefused(bare().get("/api/v1/organiser/concerts", null), 401, "UNAUTHENTICATED");
	}

	@Test
	void theApiDocumentNamesTheCredentialOfEachCall() {
		JsonNode paths = bare().get("/v3/api-docs", null).getBody().get("paths");

		assertThat(security(paths, "/api/v1/queue/concerts/{concertId}/users/{userId}", "post"))
			.isEqualTo("accessToken");
		assertThat(security(paths, "/api/v1/users/{userId}/points/charge", "post")).isEqualTo("accessToken");
		assertThat(security(paths, "/api/v1/queue/concerts/{concertId}", "get")).isEqualTo("queueToken");
		assertThat(security(paths, "/api/v1/reservations/seats/{seatId}", "post")).isEqualTo("queueToken");
		assertThat(paths.get("/api/v1/concerts").get("get").has("security")).as("the catalogue is public").isFalse();
	}

	private static String security(JsonNode paths, String path, String method) {
		return paths.get(path).get(method).get("security").get(0).propertyNames().iterator().next();
	}

	/** A client that sends only the token each call names, or none. */
	private Api bare() {
		return new Api(this.port).anonymous();
	}

	private String wallet() {
		return "/api/v1/users/" + this.owner + "/points";
	}

	private static Arguments refused(String caller, Function<String, String> token, int status, String code) {
		return Arguments.of(caller, token, status, code);
	}

	private static void assertRefused(ResponseEntity<JsonNode> answer, int status, String code) {
		assertThat(answer.getStatusCode().value()).isEqualTo(status);
		assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(answer.getBody().get("code").asString()).isEqualTo(code);
		if (status == 401) {
			assertThat(answer.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
		}
	}

}
