package dev.ticketing.common;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way a refusal is written (the hold's pre-serialised fast path, an idempotent
 * replay, the exception handler, the security filters, the body size filter, the error
 * page) gives an RFC 9457 document: {@code application/problem+json}, no {@code type}
 * (about:blank), no member that is {@code null}, and a {@code code}.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemDocumentsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ObjectMapper json;

	private Api api;

	private UserId holder;

	private String holderToken;

	private String otherToken;

	private long seat;

	private Map<String, Object> holdBody;

	@BeforeAll
	void holdTheOnlySeat() {
		this.api = new Api(this.port);
		ConcertId concert = this.boxOffice.concert("Problems", Duration.ofDays(3), 1, Points.of(1_000));
		this.holder = this.boxOffice.fan(Points.of(5_000));
		UserId other = this.boxOffice.fan(Points.of(5_000));
		this.holderToken = this.api.token(concert, this.holder);
		this.otherToken = this.api.token(concert, other);
		long date = this.api.get("/api/v1/concerts/" + concert + "/dates", this.holderToken)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		this.seat = this.api.get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", this.holderToken)
			.getBody()
			.get(0)
			.get("seatId")
			.asLong();
		this.holdBody = Map.of("concertId", concert.toString(), "concertDateId", date);
		assertThat(this.api.post("/api/v1/reservations/seats/" + this.seat, this.holderToken, this.holdBody)
			.getStatusCode()
			.value()).isEqualTo(200);
	}

	@Test
	void aRefusedHoldHasNoNullTypeNorAnyNullMember() {
		ResponseEntity<String> refused = this.api.postForText("/api/v1/reservations/seats/" + this.seat,
				this.otherToken, this.holdBody);

		JsonNode problem = assertProblem(refused, 409, "SEAT_UNAVAILABLE");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/reservations/seats/" + this.seat);
		assertThat(problem.get("title").asString()).isEqualTo("Seat unavailable");
	}

	@Test
	void aRefusedHoldUnderAnIdempotencyKeyAndItsReplayHaveNoNullMember() {
		Api keyed = this.api.withIdempotencyKey(UUID.randomUUID().toString());
		String path = "/api/v1/reservations/seats/" + this.seat;

		ResponseEntity<String> first = keyed.postForText(path, this.otherToken, this.holdBody);
		ResponseEntity<String> replayed = keyed.postForText(path, this.otherToken, this.holdBody);

		assertProblem(first, 409, "SEAT_UNAVAILABLE");
		assertProblem(replayed, 409, "SEAT_UNAVAILABLE");
	}

	@Test
	void problemsOfTheExceptionHandlerHaveNoNullMember() {
		assertProblem(this.api.postForText("/api/v1/payments/" + UUID.randomUUID(), this.otherToken, null), 404,
				"RESERVATION_NOT_FOUND");
		assertProblem(this.api.postForText("/api/v1/payments/" + UUID.randomUUID(), "not-a-token", null), 401,
				"INVALID_TOKEN");
		assertProblem(this.api.postForText("/api/v1/reservations/seats/" + this.seat, this.otherToken,
				Map.of("concertId", "x")), 400, "MALFORMED_BODY");
		assertProblem(
				this.api.postForText("/api/v1/users/" + this.holder + "/points/charge", null, Map.of("amount", -1)),
				400, "INVALID_AMOUNT");
		assertProblem(text(this.api.get("/api/v1/reservations/seats/" + this.seat, this.otherToken)), 405,
				"METHOD_NOT_ALLOWED");
		assertProblem(text(this.api.get("/api/v1/no-such-call", null)), 404, "NOT_FOUND");
	}

	@Test
	void problemsOfTheSecurityFiltersHaveNoNullMember() {
		assertProblem(
				this.api.anonymous()
					.postForText("/api/v1/users/" + this.holder + "/points/charge", null, Map.of("amount", 1)),
				401, "UNAUTHENTICATED");
		assertProblem(text(this.api.get("/api/v1/organiser/concerts", TestIssuer.tokenFor(UUID.randomUUID()))), 403,
				"ROLE_REQUIRED");
	}

	@Test
	void aBodyTooLargeIsAProblemWithNoNullMember() {
		ResponseEntity<String> tooLarge = this.api.postForText("/api/v1/users/" + this.holder + "/points/charge", null,
				Map.of("amount", 1, "padding", "x".repeat(20_000)));

		assertProblem(tooLarge, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void aPathTheFirewallRejectsIsAProblemNotSpringBootsErrorJson() throws Exception {
		HttpResponse<String> rejected = raw("/api/v1/concerts;jsessionid=1");

		assertThat(rejected.headers().firstValue("Content-Type")).hasValue(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		JsonNode problem = assertProblem(ResponseEntity.status(rejected.statusCode())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(rejected.body()), 400, "BAD_REQUEST");
		assertThat(problem.has("timestamp")).as("Spring Boot's error attributes").isFalse();
		assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/concerts;jsessionid=1");
	}

	@Test
	void theErrorPathCalledDirectlyIsNotFound() throws Exception {
		HttpResponse<String> direct = raw("/error");

		assertProblem(ResponseEntity.status(direct.statusCode())
			.contentType(MediaType.parseMediaType(direct.headers().firstValue("Content-Type").orElseThrow()))
			.body(direct.body()), 404, "NOT_FOUND");
	}

	private HttpResponse<String> raw(String path) throws IOException, InterruptedException {
		return new Wire(this.port).send("GET", path, null, null);
	}

	private ResponseEntity<String> text(ResponseEntity<JsonNode> response) {
		return ResponseEntity.status(response.getStatusCode())
			.headers(response.getHeaders())
			.body(this.json.writeValueAsString(response.getBody()));
	}

	private JsonNode assertProblem(ResponseEntity<String> response, int status, String code) {
		assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = this.json.readTree(response.getBody());
		assertThat(nullMembers(problem, "$")).as(response.getBody()).isEmpty();
		assertThat(problem.has("type")).as("type left out: about:blank").isFalse();
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("code").asString()).isEqualTo(code);
		assertThat(problem.get("title").asString()).isNotBlank();
		return problem;
	}

	private static List<String> nullMembers(JsonNode node, String path) {
		List<String> found = new ArrayList<>();
		if (node.isNull()) {
			found.add(path);
		}
		else if (node.isObject()) {
			node.properties()
				.forEach((member) -> found.addAll(nullMembers(member.getValue(), path + "." + member.getKey())));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				found.addAll(nullMembers(node.get(i), path + "[" + i + "]"));
			}
		}
		return found;
	}

}
