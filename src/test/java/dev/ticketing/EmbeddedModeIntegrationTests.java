package dev.ticketing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;
import dev.ticketing.support.SharedRedis;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default (embedded) mode that README's first command starts: H2 and a Redis of its
 * own (no spring.data.redis settings, no external server) running the same queue, seat
 * claims and rate limits as prod. Every SQL statement that differs between H2 and
 * PostgreSQL runs here once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:embedded-mode-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
class EmbeddedModeIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ConcertService concerts;

	@Autowired
	PointService points;

	@Autowired
	LettuceConnectionFactory redis;

	@Autowired
	StringRedisTemplate ownRedis;

	@Autowired
	Environment environment;

	@Test
	void aJoinAndAHoldGoThroughARedisOfItsOwnNotTheSharedOne() {
		assertThat(this.environment.getProperty("spring.data.redis.host")).isNull();
		assertThat(this.environment.getProperty("spring.data.redis.port")).isNull();
		assertThat(this.redis.getHostName()).isEqualTo("127.0.0.1");
		assertThat(this.redis.getPort()).as("a free port, not the shared Redis's").isNotEqualTo(6379);

		Api api = new Api(this.port).signedInWith(signIn("alice", "demo"));
		ConcertId concert = this.concerts.addConcert("Own Redis", "Hall",
				List.of(Instant.now().plus(Duration.ofDays(3))), 1, Points.of(1_000));
		String token = api.token(concert, DemoAccounts.ALICE.userId());
		long dateId = api.get("/api/v1/concerts/" + concert + "/dates", token)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		long seatId = api.get("/api/v1/concerts/" + concert + "/dates/" + dateId + "/seats", token)
			.getBody()
			.get(0)
			.get("seatId")
			.asLong();
		hold(api, token, seatId, Map.of("concertId", concert.toString(), "concertDateId", dateId));

		assertThat(this.ownRedis.keys("queue:{" + concert + "}:*")).as("the line, in the embedded Redis").isNotEmpty();
		assertThat(this.ownRedis.hasKey("seat-claim:" + seatId)).as("the seat's claim").isTrue();
		assertThat(SharedRedis.template().keys("queue:{" + concert + "}:*")).as("nothing in the shared Redis")
			.isEmpty();
	}

	@Test
	void theWholeBookingFlowWorksWithoutAnyExternalServer() {
		Api api = new Api(this.port).signedInWith(signIn("bob", "demo"));
		ConcertId concert = this.concerts.addConcert("Embedded", "Hall",
				List.of(Instant.now().plus(Duration.ofDays(3))), 3, Points.of(1_000));
		UserId user = DemoAccounts.BOB.userId();
		assertThat(api.post("/api/v1/users/" + user + "/points/charge", null, Map.of("amount", 1_500)).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		String token = api.token(concert, user);
		assertThat(api.get("/api/v1/queue/concerts/" + concert, token).getBody().get("status").asString())
			.isEqualTo("ACTIVE");
		long dateId = api.get("/api/v1/concerts/" + concert + "/dates", token)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		JsonNode seats = api.get("/api/v1/concerts/" + concert + "/dates/" + dateId + "/seats", token).getBody();
		assertThat(seats).hasSize(3);
		Map<String, Object> body = Map.of("concertId", concert.toString(), "concertDateId", dateId);

		String first = hold(api, token, seats.get(0).get("seatId").asLong(), body);
		String second = hold(api, token, seats.get(1).get("seatId").asLong(), body);
		assertThat(api.post("/api/v1/reservations/seats/" + seats.get(0).get("seatId").asLong(), token, body)
			.getStatusCode()).as("a held seat is not held twice").isEqualTo(HttpStatus.CONFLICT);
		assertThat(api.get("/api/v1/concerts/" + concert + "/dates/" + dateId + "/seats", token).getBody()).hasSize(1);

		ResponseEntity<JsonNode> paid = api.post("/api/v1/payments/" + first, token, null);
		assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(api.post("/api/v1/payments/" + first, token, null).getBody().get("paymentId"))
			.as("paying again returns the same payment")
			.isEqualTo(paid.getBody().get("paymentId"));
		ResponseEntity<JsonNode> refused = api.post("/api/v1/payments/" + second, token, null);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("INSUFFICIENT_BALANCE");
		assertThat(api.get("/api/v1/users/" + user + "/points", null).getBody().get("balance").asLong())
			.as("charged once, the refused payment took nothing")
			.isEqualTo(500);

		ResponseEntity<JsonNode> charged = api.post("/api/v1/users/" + user + "/points/charge", null,
				Map.of("amount", 700));
		assertThat(charged.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(charged.getBody().get("balance").asLong()).isEqualTo(1_200);

		assertThat(api.delete("/api/v1/reservations/" + second, token).getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(api.get("/api/v1/concerts/" + concert + "/dates/" + dateId + "/seats", token).getBody())
			.as("the cancelled hold's seat is free again")
			.hasSize(2);
	}

	@Test
	void retriesWithAnIdempotencyKeyAndTheListOfReservationsWorkOnH2() {
		Api api = new Api(this.port).signedInWith(signIn("bob", "demo"));
		UserId user = DemoAccounts.BOB.userId();
		String charge = "/api/v1/users/" + user + "/points/charge";
		long before = api.get("/api/v1/users/" + user + "/points", null).getBody().get("balance").asLong();
		Api keyed = api.withIdempotencyKey("h2-charge-" + UUID.randomUUID());

		List<Outcome<ResponseEntity<String>>> charges = Race.run(8,
				(i) -> keyed.postForText(charge, null, Map.of("amount", 2_000)));

		assertThat(Outcome.values(charges)).hasSize(8)
			.allSatisfy((answer) -> assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK))
			.extracting(ResponseEntity::getBody)
			.containsOnly("{\"userId\":\"" + user + "\",\"balance\":" + (before + 2_000) + "}");
		assertThat(keyed.postForText(charge, null, Map.of("amount", 3_000)).getStatusCode().value())
			.as("the same key with another amount")
			.isEqualTo(422);

		ConcertId concert = this.concerts.addConcert("Embedded retries", "Hall",
				List.of(Instant.now().plus(Duration.ofDays(3))), 1, Points.of(1_000));
		String token = api.token(concert, user);
		long dateId = api.get("/api/v1/concerts/" + concert + "/dates", token)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		long seatId = api.get("/api/v1/concerts/" + concert + "/dates/" + dateId + "/seats", token)
			.getBody()
			.get(0)
			.get("seatId")
			.asLong();
		Map<String, Object> body = Map.of("concertId", concert.toString(), "concertDateId", dateId);
		Api holding = api.withIdempotencyKey("h2-hold-" + UUID.randomUUID());
		ResponseEntity<String> held = holding.postForText("/api/v1/reservations/seats/" + seatId, token, body);
		assertThat(holding.postForText("/api/v1/reservations/seats/" + seatId, token, body).getBody())
			.isEqualTo(held.getBody());
		String reservation = held.getBody().replaceAll(".*\"reservationId\":\"([^\"]+)\".*", "$1");
		Api paying = api.withIdempotencyKey("h2-pay-" + UUID.randomUUID());
		ResponseEntity<String> paid = paying.postForText("/api/v1/payments/" + reservation, token, null);
		assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(paying.postForText("/api/v1/payments/" + reservation, token, null).getBody())
			.isEqualTo(paid.getBody());
		assertThat(api.get("/api/v1/users/" + user + "/points", null).getBody().get("balance").asLong())
			.as("charged once, paid once")
			.isEqualTo(before + 2_000 - 1_000);

		JsonNode listed = api.get("/api/v1/users/" + user + "/reservations", null).getBody();
		assertThat(listed.get(0).get("reservationId").asString()).isEqualTo(reservation);
		assertThat(listed.get(0).get("status").asString()).isEqualTo("PAID");
	}

	@Test
	void theDemoAccountsSignInWithTheirPasswordOnly() {
		assertThat(tokenResponse("alice", "demo").getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(tokenResponse("alice", "wrong").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(tokenResponse("mallory", "demo").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void aDemoAccountActsForItselfAndAnOrganiserForAnyWallet() {
		Api alice = new Api(this.port).signedInWith(signIn("alice", "demo"));
		Api olivia = new Api(this.port).signedInWith(signIn("olivia", "demo"));
		String bobsWallet = "/api/v1/users/" + DemoAccounts.BOB.userId() + "/points";
		assertThat(alice.get("/api/v1/users/" + DemoAccounts.ALICE.userId() + "/points", null)
			.getBody()
			.get("balance")
			.asLong()).as("the demo data's wallet").isEqualTo(1_000_000);
		assertThat(alice.get(bobsWallet, null).getBody().get("code").asString()).isEqualTo("USER_MISMATCH");
		assertThat(olivia.get(bobsWallet, null).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private String signIn(String username, String password) {
		ResponseEntity<JsonNode> answer = tokenResponse(username, password);
		assertThat(answer.getStatusCode()).as("signing in as " + username).isEqualTo(HttpStatus.OK);
		return answer.getBody().get("access_token").asString();
	}

	private ResponseEntity<JsonNode> tokenResponse(String username, String password) {
		return RestClient.create("http://127.0.0.1:" + this.port)
			.post()
			.uri("/oauth2/token")
			.headers((headers) -> headers.setBasicAuth(username, password))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("grant_type=client_credentials")
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(JsonNode.class);
	}

	private static String hold(Api api, String token, long seatId, Map<String, Object> body) {
		ResponseEntity<JsonNode> held = api.post("/api/v1/reservations/seats/" + seatId, token, body);
		assertThat(held.getStatusCode()).isEqualTo(HttpStatus.OK);
		return held.getBody().get("reservationId").asString();
	}

}
