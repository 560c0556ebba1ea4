package dev.ticketing.api;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API document the service generates describes what it really sends: a typical flow
 * (queue tokens, the catalogue, a hold, a payment, wallets, a user's reservations, the
 * ticket, its codes and its check-in) and its usual refusals run against the service, and
 * every request and response is checked against {@code /v3/api-docs} by an OpenAPI
 * validator. The browse calls send bytes serialised ahead of time, which the generator
 * never sees: only this keeps their documented schemas true.
 */
@IntegrationTest
// Two admitted at once, so a third user waits (403); the rate limits have tests of their
// own.
@TestPropertySource(properties = { "concert.queue.max-active=2", "concert.limits.enabled=false" })
class ApiDocumentContractIntegrationTests {

	private static final String JSON = "application/json";

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ObjectMapper json;

	private final List<String> checked = new ArrayList<>();

	private final List<String> violations = new ArrayList<>();

	private OpenApiInteractionValidator validator;

	private Wire wire;

	@Test
	void everyResponseOfATypicalFlowAndItsRefusalsMatchesTheApiDocument() throws Exception {
		this.wire = new Wire(this.port, HttpClient.Version.HTTP_1_1);
		String document = this.wire.send("GET", "/v3/api-docs", null, null).body();
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "api-docs.json"), document);
		this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
		// The validator takes a wildcard as matching whatever is sent, so a response
		// documented as */* would check nothing of what the service sends.
		assertThat(wildcardResponses(document)).as("API responses documented with a wildcard media type").isEmpty();

		ConcertId concert = this.boxOffice.concert("Contract", Duration.ofDays(3), 3, Points.of(1_000));
		UserId rich = this.boxOffice.fan(Points.of(5_000));
		UserId poor = this.boxOffice.fan(Points.of(500));
		UserId late = this.boxOffice.fan(Points.of(5_000));
		String queue = "/api/v1/queue/concerts/" + concert;

		String richToken = body(call("POST", queue + "/users/" + rich, TestIssuer.tokenFor(rich), null, 201))
			.get("tokenId")
			.asString();
		String poorToken = body(call("POST", queue + "/users/" + poor, TestIssuer.tokenFor(poor), null, 201))
			.get("tokenId")
			.asString();
		String lateToken = body(call("POST", queue + "/users/" + late, TestIssuer.tokenFor(late), null, 201))
			.get("tokenId")
			.asString();
		call("GET", queue, richToken, null, 200);
		call("GET", queue, lateToken, null, 200);
		refusal("POST", queue + "/users/" + rich, null, null, 401);
		call("POST", queue + "/users/" + rich, TestIssuer.tokenFor(poor), null, 403);

		call("GET", "/api/v1/concerts", null, null, 200);
		String dates = "/api/v1/concerts/" + concert + "/dates";
		long date = body(call("GET", dates, richToken, null, 200)).get(0).get("concertDateId").asLong();
		call("GET", dates, lateToken, null, 403);
		refusal("GET", dates, "not-a-token", null, 401);
		JsonNode seats = body(call("GET", dates + "/" + date + "/seats", richToken, null, 200));
		call("GET", dates + "/" + date + "/seat-map", richToken, null, 200);
		call("GET", dates + "/" + (date + 1_000) + "/seats", richToken, null, 404);

		String hold = "{\"concertId\":\"" + concert + "\",\"concertDateId\":" + date + "}";
		long first = seats.get(0).get("seatId").asLong();
		long second = seats.get(1).get("seatId").asLong();
		String richHold = body(call("POST", "/api/v1/reservations/seats/" + first, richToken, hold, 200))
			.get("reservationId")
			.asString();
		call("POST", "/api/v1/reservations/seats/" + first, poorToken, hold, 409);
		refusal("POST", "/api/v1/reservations/seats/" + first, poorToken, "{\"concertId\":1}", 400);
		String poorHold = body(call("POST", "/api/v1/reservations/seats/" + second, poorToken, hold, 200))
			.get("reservationId")
			.asString();

		call("POST", "/api/v1/payments/" + poorHold, poorToken, null, 409);
		call("POST", "/api/v1/payments/" + UUID.randomUUID(), poorToken, null, 404);
		call("POST", "/api/v1/payments/" + richHold, richToken, null, 200);
		// A sold seat, a held one and a free one: every status the document names.
		JsonNode map = body(call("GET", dates + "/" + date + "/seat-map", poorToken, null, 200));
		assertThat(map).extracting((seat) -> seat.get("status").asString())
			.containsExactly("SOLD", "HELD", "AVAILABLE");
		call("GET", dates + "/" + date + "/hall", poorToken, null, 200);
		JsonNode section = body(call("GET", dates + "/" + date + "/sections/0/seats-state", poorToken, null, 200));
		assertThat(section.get("states").asString()).isEqualTo("SHA");
		call("GET", dates + "/" + date + "/sections/1/seats-state", poorToken, null, 404);
		// Seats side by side: only the third seat is free, so no two are.
		String together = "/api/v1/reservations/best-available";
		String pair = "{\"concertId\":\"" + concert + "\",\"concertDateId\":" + date
				+ ",\"count\":2,\"section\":\"A\"}";
		call("POST", together, poorToken, pair, 409);
		call("POST", together, poorToken, pair.replace("\"count\":2", "\"count\":1"), 200);
		refusal("POST", together, poorToken, pair.replace("\"count\":2", "\"count\":0"), 400);

		String wallet = "/api/v1/users/" + rich + "/points";
		call("GET", wallet, TestIssuer.tokenFor(rich), null, 200);
		call("GET", wallet, TestIssuer.tokenFor(poor), null, 403);
		call("POST", wallet + "/charge", TestIssuer.tokenFor(rich), "{\"amount\":1000}", 200);
		call("POST", wallet + "/charge", TestIssuer.tokenFor(rich), "{\"amount\":-1}", 400);
		call("GET", "/api/v1/users/" + rich + "/reservations", TestIssuer.tokenFor(rich), null, 200);
		call("DELETE", queue, poorToken, null, 204);

		String tickets = "/api/v1/users/" + rich + "/tickets";
		String ticket = body(call("GET", tickets, TestIssuer.tokenFor(rich), null, 200)).get(0)
			.get("ticketId")
			.asString();
		call("GET", tickets + "/" + ticket + "/code", TestIssuer.tokenFor(rich), null, 200);
		call("GET", tickets + "/" + ticket + "/printed-code", TestIssuer.tokenFor(rich), null, 200);
		call("GET", tickets + "/" + UUID.randomUUID() + "/code", TestIssuer.tokenFor(rich), null, 404);
		call("GET", tickets + "/" + ticket + "/code", TestIssuer.tokenFor(poor), null, 403);
		String transfers = tickets + "/" + ticket + "/transfers";
		call("POST", transfers, TestIssuer.tokenFor(rich), "{\"toUser\":\"" + rich + "\"}", 400);
		call("POST", transfers, TestIssuer.tokenFor(rich), "{\"toUser\":\"" + UUID.randomUUID() + "\"}", 422);
		call("POST", transfers, TestIssuer.tokenFor(poor), "{\"toUser\":\"" + poor + "\"}", 403);
		call("POST", transfers, TestIssuer.tokenFor(rich), "{\"toUser\":\"" + late + "\"}", 201);
		call("POST", transfers, TestIssuer.tokenFor(rich), "{\"toUser\":\"" + late + "\"}", 409);
		call("GET", "/api/v1/users/" + rich + "/reservations", TestIssuer.tokenFor(rich), null, 200);
		String received = "/api/v1/users/" + late + "/tickets";
		call("GET", received, TestIssuer.tokenFor(late), null, 200);
		String code = body(call("GET", received + "/" + ticket + "/code", TestIssuer.tokenFor(late), null, 200))
			.get("code")
			.asString();
		call("GET", "/api/v1/tickets/keys", null, null, 200);
		String gate = TestIssuer.tokenFor(UUID.randomUUID(), "GATE");
		String checkIns = "/api/v1/gate/concerts/" + concert + "/check-ins";
		String scan = "{\"code\":\"" + code + "\",\"gate\":\"North 1\"}";
		call("POST", checkIns, gate, scan, 200);
		call("POST", checkIns, gate, scan, 409);
		call("POST", checkIns, gate, "{\"code\":\"forged\",\"gate\":\"North 1\"}", 400);
		call("POST", checkIns, TestIssuer.tokenFor(rich), scan, 403);

		assertThat(this.checked).as("calls checked").hasSizeGreaterThanOrEqualTo(25);
		assertThat(this.violations).as("responses the API document does not describe").isEmpty();
	}

	/**
	 * Sends a call as the document describes it, checks its status, and checks request
	 * and response against the document.
	 */
	private HttpResponse<String> call(String method, String path, String bearer, String body, int status)
			throws IOException, InterruptedException {
		return check(method, path, bearer, body, status, true);
	}

	/**
	 * Sends a call the document says is wrong (no credential, a malformed body) and
	 * checks only that its refusal is as documented.
	 */
	private HttpResponse<String> refusal(String method, String path, String bearer, String body, int status)
			throws IOException, InterruptedException {
		return check(method, path, bearer, body, status, false);
	}

	private HttpResponse<String> check(String method, String path, String bearer, String body, int status,
			boolean requestAsDocumented) throws IOException, InterruptedException {
		HttpResponse<String> response = this.wire.send(method, path, bearer, body);
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
		SimpleRequest.Builder request = new SimpleRequest.Builder(Request.Method.valueOf(method), path);
		if (bearer != null) {
			request.withAuthorization("Bearer " + bearer);
		}
		if (body != null) {
			request.withContentType(JSON).withBody(body);
		}
		SimpleResponse.Builder answer = SimpleResponse.Builder.status(response.statusCode());
		response.headers().firstValue("Content-Type").ifPresent(answer::withContentType);
		if (!response.body().isEmpty()) {
			answer.withBody(response.body());
		}
		ValidationReport report = requestAsDocumented ? this.validator.validate(request.build(), answer.build())
				: this.validator.validateResponse(path, Request.Method.valueOf(method), answer.build());
		this.checked.add(method + " " + path);
		report.getMessages()
			.forEach((message) -> this.violations.add(method + " " + path + " " + response.statusCode() + ": "
					+ message.getKey() + " " + message.getMessage()));
		return response;
	}

	/**
	 * Each API response whose documented media type is a wildcard, as "GET /path 200:
	 * *&#47;*".
	 */
	private List<String> wildcardResponses(String document) {
		List<String> found = new ArrayList<>();
		this.json.readTree(document).get("paths").properties().forEach((path) -> {
			if (!path.getKey().startsWith("/api/")) {
				return;
			}
			path.getValue().properties().forEach((operation) -> {
				JsonNode responses = operation.getValue().get("responses");
				if (responses == null) {
					return;
				}
				responses.properties().forEach((response) -> {
					JsonNode content = response.getValue().get("content");
					if (content != null) {
						content.propertyNames()
							.stream()
							.filter((type) -> type.contains("*"))
							.forEach((type) -> found.add(operation.getKey().toUpperCase(Locale.ROOT) + " "
									+ path.getKey() + " " + response.getKey() + ": " + type));
					}
				});
			});
		});
		return found;
	}

	private JsonNode body(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

}
