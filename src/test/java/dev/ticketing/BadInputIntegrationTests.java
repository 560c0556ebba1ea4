package dev.ticketing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ticketing.common.Caller;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input of every kind, over HTTP against the real server, PostgreSQL and Redis: each
 * is refused with a 4xx problem carrying a code, never a 5xx, and changes nothing. One
 * user is admitted per concert, so a second user's token stays WAITING.
 */
@IntegrationTest
// One user sends every bad charge here, far faster than a person; the rate limits have
// tests of their own.
@TestPropertySource(properties = { "concert.queue.max-active=1", "concert.limits.enabled=false" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIntegrationTests {

	private static final String JSON = "application/json";

	private static final long PRICE = 1_000;

	private static final long BALANCE = 100_000;

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ConcertService concerts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private Api api;

	/** Concert A: {@code user} ACTIVE, {@code waiter} WAITING. */
	private ConcertId concertA;

	/** Concert B: {@code user} ACTIVE too. */
	private ConcertId concertB;

	private UserId user;

	private UserId waiter;

	private String tokenA;

	private String tokenB;

	private String waiterToken;

	private long dateA;

	private long dateB;

	private long seatA;

	private long seatB;

	@BeforeAll
	void admitOneUserAndQueueAnother() {
		this.api = new Api(this.port);
		Instant day = Instant.now().plus(Duration.ofDays(10));
		this.concertA = this.concerts.addConcert("Bad input A", "Hall", List.of(day), 10, Points.of(PRICE));
		this.concertB = this.concerts.addConcert("Bad input B", "Hall", List.of(day), 10, Points.of(PRICE));
		this.user = this.boxOffice.fan(Points.of(BALANCE));
		this.waiter = this.boxOffice.fan(Points.of(BALANCE));
		this.tokenA = this.api.token(this.concertA, this.user);
		this.waiterToken = this.api.token(this.concertA, this.waiter);
		this.tokenB = this.api.token(this.concertB, this.user);
		assertThat(
				this.api.get("/api/v1/queue/concerts/" + this.concertA, this.tokenA).getBody().get("status").asString())
			.isEqualTo("ACTIVE");
		assertThat(this.api.get("/api/v1/queue/concerts/" + this.concertA, this.waiterToken)
			.getBody()
			.get("status")
			.asString()).isEqualTo("WAITING");
		this.dateA = firstDate(this.concertA, this.tokenA);
		this.dateB = firstDate(this.concertB, this.tokenB);
		this.seatA = firstSeat(this.concertA, this.dateA, this.tokenA);
		this.seatB = firstSeat(this.concertB, this.dateB, this.tokenB);
	}

	static Stream<Arguments> badRequests() {
		String charge = "/api/v1/users/{user}/points/charge";
		String hold = "/api/v1/reservations/seats/{seatA}";
		String holdBody = "{\"concertId\":\"{A}\",\"concertDateId\":{dateA}}";
		return Stream.of(
				// points: malformed, empty, wrongly shaped or typed bodies
				bad("charge malformed JSON", "POST", charge, null, JSON, "{\"amount\":", 400, "MALFORMED_BODY"),
				bad("charge empty body", "POST", charge, null, JSON, "", 400, "MALFORMED_BODY"),
				bad("charge without body or content type", "POST", charge, null, null, null, 400, "MALFORMED_BODY"),
				bad("charge JSON null", "POST", charge, null, JSON, "null", 400, "MALFORMED_BODY"),
				bad("charge JSON array", "POST", charge, null, JSON, "[100]", 400, "MALFORMED_BODY"),
				bad("charge JSON number", "POST", charge, null, JSON, "100", 400, "MALFORMED_BODY"),
				bad("charge nested amount", "POST", charge, null, JSON, "{\"amount\":{\"value\":100}}", 400,
						"MALFORMED_BODY"),
				bad("charge without amount", "POST", charge, null, JSON, "{}", 400, "INVALID_AMOUNT"),
				bad("charge null amount", "POST", charge, null, JSON, "{\"amount\":null}", 400, "INVALID_AMOUNT"),
				bad("charge amount \"abc\"", "POST", charge, null, JSON, "{\"amount\":\"abc\"}", 400, "MALFORMED_BODY"),
				bad("charge amount 1.5", "POST", charge, null, JSON, "{\"amount\":1.5}", 400, "MALFORMED_BODY"),
				bad("charge amount as a string \"100\"", "POST", charge, null, JSON, "{\"amount\":\"100\"}", 400,
						"MALFORMED_BODY"),
				bad("charge amount 1e30", "POST", charge, null, JSON, "{\"amount\":1e30}", 400, "MALFORMED_BODY"),
				bad("charge amount beyond long", "POST", charge, null, JSON, "{\"amount\":9223372036854775808}", 400,
						"MALFORMED_BODY"),
				bad("charge amount true", "POST", charge, null, JSON, "{\"amount\":true}", 400, "MALFORMED_BODY"),
				bad("charge amount 0", "POST", charge, null, JSON, "{\"amount\":0}", 400, "INVALID_AMOUNT"),
				bad("charge amount -1", "POST", charge, null, JSON, "{\"amount\":-1}", 400, "INVALID_AMOUNT"),
				bad("charge amount Long.MIN_VALUE", "POST", charge, null, JSON, "{\"amount\":-9223372036854775808}",
						400, "INVALID_AMOUNT"),
				bad("charge amount 10,000,001", "POST", charge, null, JSON, "{\"amount\":10000001}", 400,
						"INVALID_AMOUNT"),
				bad("charge amount Long.MAX_VALUE", "POST", charge, null, JSON, "{\"amount\":9223372036854775807}", 400,
						"INVALID_AMOUNT"),
				bad("charge deeply nested JSON", "POST", charge, null, JSON, "[".repeat(15_000), 400, "MALFORMED_BODY"),
				bad("charge with unparseable content type", "POST", charge, null, "not a media type",
						"{\"amount\":100}", 415, "UNSUPPORTED_MEDIA_TYPE"),
				bad("charge as text/plain", "POST", charge, null, "text/plain", "{\"amount\":100}", 415,
						"UNSUPPORTED_MEDIA_TYPE"),
				bad("charge as form", "POST", charge, null, "application/x-www-form-urlencoded", "amount=100", 415,
						"UNSUPPORTED_MEDIA_TYPE"),
				bad("charge as XML", "POST", charge, null, "application/xml", "<amount>100</amount>", 415,
						"UNSUPPORTED_MEDIA_TYPE"),
				bad("charge with PUT", "PUT", charge, null, JSON, "{\"amount\":100}", 405, "METHOD_NOT_ALLOWED"),
				bad("charge with GET", "GET", charge, null, null, null, 405, "METHOD_NOT_ALLOWED"),
				bad("balance with DELETE", "DELETE", "/api/v1/users/{user}/points", null, null, null, 405,
						"METHOD_NOT_ALLOWED"),
				bad("charge non-UUID user", "POST", "/api/v1/users/abc/points/charge", null, JSON, "{\"amount\":100}",
						400, "INVALID_ID"),
				bad("charge negative user id", "POST", "/api/v1/users/-1/points/charge", null, JSON, "{\"amount\":100}",
						400, "INVALID_ID"),
				bad("charge unknown user", "POST", "/api/v1/users/{random}/points/charge", null, JSON,
						"{\"amount\":100}", 404, "USER_NOT_FOUND"),
				bad("balance non-UUID user", "GET", "/api/v1/users/not-a-uuid/points", null, null, null, 400,
						"INVALID_ID"),
				bad("balance short UUID", "GET", "/api/v1/users/1-1-1-1-1/points", null, null, null, 400, "INVALID_ID"),
				bad("balance unknown user", "GET", "/api/v1/users/{random}/points", null, null, null, 404,
						"USER_NOT_FOUND"),
				bad("unknown path", "GET", "/api/v1/nothing-here", null, null, null, 404, "NOT_FOUND"),

				// queue
				bad("token for non-UUID concert", "POST", "/api/v1/queue/concerts/abc/users/{user}", null, null, null,
						400, "INVALID_ID"),
				bad("token for non-UUID user", "POST", "/api/v1/queue/concerts/{A}/users/-1", null, null, null, 400,
						"INVALID_ID"),
				bad("token for unknown concert", "POST", "/api/v1/queue/concerts/{random}/users/{user}", null, null,
						null, 404, "CONCERT_NOT_FOUND"),
				bad("token for another user", "POST", "/api/v1/queue/concerts/{A}/users/{random}", null, null, null,
						403, "USER_MISMATCH"),
				bad("token with GET", "GET", "/api/v1/queue/concerts/{A}/users/{user}", null, null, null, 405,
						"METHOD_NOT_ALLOWED"),
				bad("status without token", "GET", "/api/v1/queue/concerts/{A}", null, null, null, 401,
						"INVALID_TOKEN"),
				bad("status with garbage token", "GET", "/api/v1/queue/concerts/{A}", "Bearer garbage", null, null, 401,
						"INVALID_TOKEN"),
				bad("status with Basic auth", "GET", "/api/v1/queue/concerts/{A}", "Basic dXNlcjpwYXNz", null, null,
						401, "INVALID_TOKEN"),
				bad("status with forged token", "GET", "/api/v1/queue/concerts/{A}", "Bearer {forged}", null, null, 401,
						"INVALID_TOKEN"),
				bad("status with padded token", "GET", "/api/v1/queue/concerts/{A}", "Bearer {padded}", null, null, 401,
						"INVALID_TOKEN"),
				bad("status with zero token", "GET", "/api/v1/queue/concerts/{A}", "Bearer {zeros}", null, null, 401,
						"INVALID_TOKEN"),
				bad("status with token of concert A on concert B", "GET", "/api/v1/queue/concerts/{B}",
						"Bearer {tokenA}", null, null, 401, "INVALID_TOKEN"),
				bad("status of non-UUID concert", "GET", "/api/v1/queue/concerts/abc", "Bearer {tokenA}", null, null,
						400, "INVALID_ID"),

				// catalogue
				bad("dates without token", "GET", "/api/v1/concerts/{A}/dates", null, null, null, 401, "INVALID_TOKEN"),
				bad("dates with garbage token", "GET", "/api/v1/concerts/{A}/dates", "Bearer x.y.z", null, null, 401,
						"INVALID_TOKEN"),
				bad("dates with forged token", "GET", "/api/v1/concerts/{A}/dates", "Bearer {forged}", null, null, 401,
						"INVALID_TOKEN"),
				bad("dates with padded token", "GET", "/api/v1/concerts/{A}/dates", "Bearer {padded}", null, null, 401,
						"INVALID_TOKEN"),
				bad("dates while waiting", "GET", "/api/v1/concerts/{A}/dates", "Bearer {waiter}", null, null, 403,
						"QUEUE_WAITING"),
				bad("dates with token of another concert", "GET", "/api/v1/concerts/{B}/dates", "Bearer {tokenA}", null,
						null, 403, "TOKEN_CONCERT_MISMATCH"),
				bad("dates of unknown concert", "GET", "/api/v1/concerts/{random}/dates", "Bearer {tokenA}", null, null,
						403, "TOKEN_CONCERT_MISMATCH"),
				bad("dates of non-UUID concert", "GET", "/api/v1/concerts/abc/dates", "Bearer {tokenA}", null, null,
						400, "INVALID_ID"),
				bad("seats without token", "GET", "/api/v1/concerts/{A}/dates/{dateA}/seats", null, null, null, 401,
						"INVALID_TOKEN"),
				bad("seats while waiting", "GET", "/api/v1/concerts/{A}/dates/{dateA}/seats", "Bearer {waiter}", null,
						null, 403, "QUEUE_WAITING"),
				bad("seat map without token", "GET", "/api/v1/concerts/{A}/dates/{dateA}/seat-map", null, null, null,
						401, "INVALID_TOKEN"),
				bad("seat map while waiting", "GET", "/api/v1/concerts/{A}/dates/{dateA}/seat-map", "Bearer {waiter}",
						null, null, 403, "QUEUE_WAITING"),
				bad("seat map with token of another concert", "GET", "/api/v1/concerts/{B}/dates/{dateB}/seat-map",
						"Bearer {tokenA}", null, null, 403, "TOKEN_CONCERT_MISMATCH"),
				bad("seats with token of another concert", "GET", "/api/v1/concerts/{B}/dates/{dateB}/seats",
						"Bearer {tokenA}", null, null, 403, "TOKEN_CONCERT_MISMATCH"),
				bad("seats of non-numeric date", "GET", "/api/v1/concerts/{A}/dates/abc/seats", "Bearer {tokenA}", null,
						null, 400, "INVALID_PARAMETER"),
				bad("seats of date beyond long", "GET", "/api/v1/concerts/{A}/dates/99999999999999999999/seats",
						"Bearer {tokenA}", null, null, 400, "INVALID_PARAMETER"),
				bad("seats of negative date", "GET", "/api/v1/concerts/{A}/dates/-1/seats", "Bearer {tokenA}", null,
						null, 400, "INVALID_ID"),
				bad("seats of date 0", "GET", "/api/v1/concerts/{A}/dates/0/seats", "Bearer {tokenA}", null, null, 400,
						"INVALID_ID"),
				bad("seats of unknown date", "GET", "/api/v1/concerts/{A}/dates/999999999/seats", "Bearer {tokenA}",
						null, null, 404, "CONCERT_DATE_NOT_FOUND"),
				bad("seats of another concert's date", "GET", "/api/v1/concerts/{A}/dates/{dateB}/seats",
						"Bearer {tokenA}", null, null, 404, "CONCERT_DATE_NOT_FOUND"),
				bad("concerts with POST", "POST", "/api/v1/concerts", null, JSON, "{}", 405, "METHOD_NOT_ALLOWED"),

				// reservations
				bad("hold without token", "POST", hold, null, JSON, holdBody, 401, "INVALID_TOKEN"),
				bad("hold with forged token", "POST", hold, "Bearer {forged}", JSON, holdBody, 401, "INVALID_TOKEN"),
				bad("hold while waiting", "POST", hold, "Bearer {waiter}", JSON, holdBody, 403, "QUEUE_WAITING"),
				bad("hold for another concert than the token's", "POST", "/api/v1/reservations/seats/{seatB}",
						"Bearer {tokenA}", JSON, "{\"concertId\":\"{B}\",\"concertDateId\":{dateB}}", 403,
						"TOKEN_CONCERT_MISMATCH"),
				bad("hold malformed JSON", "POST", hold, "Bearer {tokenA}", JSON, "{\"concertId\":", 400,
						"MALFORMED_BODY"),
				bad("hold empty body", "POST", hold, "Bearer {tokenA}", JSON, "", 400, "MALFORMED_BODY"),
				bad("hold without body", "POST", hold, "Bearer {tokenA}", null, null, 400, "MALFORMED_BODY"),
				bad("hold JSON array", "POST", hold, "Bearer {tokenA}", JSON, "[]", 400, "MALFORMED_BODY"),
				bad("hold without concertDateId", "POST", hold, "Bearer {tokenA}", JSON, "{\"concertId\":\"{A}\"}", 400,
						"MALFORMED_BODY"),
				bad("hold concertDateId as string", "POST", hold, "Bearer {tokenA}", JSON,
						"{\"concertId\":\"{A}\",\"concertDateId\":\"abc\"}", 400, "MALFORMED_BODY"),
				bad("hold concertDateId 1.5", "POST", hold, "Bearer {tokenA}", JSON,
						"{\"concertId\":\"{A}\",\"concertDateId\":1.5}", 400, "MALFORMED_BODY"),
				bad("hold concertDateId true", "POST", hold, "Bearer {tokenA}", JSON,
						"{\"concertId\":\"{A}\",\"concertDateId\":true}", 400, "MALFORMED_BODY"),
				bad("hold concertDateId 0", "POST", hold, "Bearer {tokenA}", JSON,
						"{\"concertId\":\"{A}\",\"concertDateId\":0}", 400, "INVALID_ID"),
				bad("hold non-UUID concertId", "POST", hold, "Bearer {tokenA}", JSON,
						"{\"concertId\":\"abc\",\"concertDateId\":{dateA}}", 400, "INVALID_ID"),
				bad("hold concertId as number", "POST", hold, "Bearer {tokenA}", JSON,
						"{\"concertId\":42,\"concertDateId\":{dateA}}", 400, "INVALID_ID"),
				bad("hold non-numeric seat", "POST", "/api/v1/reservations/seats/abc", "Bearer {tokenA}", JSON,
						holdBody, 400, "INVALID_PARAMETER"),
				bad("hold seat id with a plus sign", "POST", "/api/v1/reservations/seats/+{seatA}", "Bearer {tokenA}",
						JSON, holdBody, 400, "INVALID_PARAMETER"),
				bad("hold seat id with leading zeros", "POST", "/api/v1/reservations/seats/00{seatA}",
						"Bearer {tokenA}", JSON, holdBody, 400, "INVALID_PARAMETER"),
				bad("seats of a date id with a plus sign", "GET", "/api/v1/concerts/{A}/dates/+{dateA}/seats",
						"Bearer {tokenA}", null, null, 400, "INVALID_PARAMETER"),
				bad("hold seat id in hex", "POST", "/api/v1/reservations/seats/0x10", "Bearer {tokenA}", JSON, holdBody,
						400, "INVALID_PARAMETER"),
				bad("hold date id as a string", "POST", hold, "Bearer {tokenA}", JSON,
						"{\"concertId\":\"{A}\",\"concertDateId\":\"{dateA}\"}", 400, "MALFORMED_BODY"),
				bad("hold negative seat", "POST", "/api/v1/reservations/seats/-1", "Bearer {tokenA}", JSON, holdBody,
						400, "INVALID_ID"),
				bad("hold seat 0", "POST", "/api/v1/reservations/seats/0", "Bearer {tokenA}", JSON, holdBody, 400,
						"INVALID_ID"),
				bad("hold unknown seat", "POST", "/api/v1/reservations/seats/999999999", "Bearer {tokenA}", JSON,
						holdBody, 404, "SEAT_NOT_FOUND"),
				bad("hold seat of another date", "POST", hold, "Bearer {tokenA}", JSON,
						"{\"concertId\":\"{A}\",\"concertDateId\":{dateB}}", 404, "SEAT_NOT_FOUND"),
				bad("hold another concert's seat", "POST", "/api/v1/reservations/seats/{seatB}", "Bearer {tokenA}",
						JSON, holdBody, 404, "SEAT_NOT_FOUND"),
				bad("hold as text/plain", "POST", hold, "Bearer {tokenA}", "text/plain", holdBody, 415,
						"UNSUPPORTED_MEDIA_TYPE"),
				bad("hold with GET", "GET", hold, "Bearer {tokenA}", null, null, 405, "METHOD_NOT_ALLOWED"),
				bad("cancel non-UUID reservation", "DELETE", "/api/v1/reservations/abc", "Bearer {tokenA}", null, null,
						400, "INVALID_ID"),
				bad("cancel unknown reservation", "DELETE", "/api/v1/reservations/{random}", "Bearer {tokenA}", null,
						null, 404, "RESERVATION_NOT_FOUND"),

				// payments
				bad("pay without token", "POST", "/api/v1/payments/{random}", null, null, null, 401, "INVALID_TOKEN"),
				bad("pay with garbage token", "POST", "/api/v1/payments/{random}", "Bearer garbage", null, null, 401,
						"INVALID_TOKEN"),
				// A live hold is a right to pay whatever the admission, so a waiting
				// user's token
				// reaches PostgreSQL, which knows no such reservation of theirs.
				bad("pay while waiting", "POST", "/api/v1/payments/{random}", "Bearer {waiter}", null, null, 404,
						"RESERVATION_NOT_FOUND"),
				bad("pay non-UUID reservation", "POST", "/api/v1/payments/abc", "Bearer {tokenA}", null, null, 400,
						"INVALID_ID"),
				bad("pay negative reservation id", "POST", "/api/v1/payments/-1", "Bearer {tokenA}", null, null, 400,
						"INVALID_ID"),
				bad("pay unknown reservation", "POST", "/api/v1/payments/{random}", "Bearer {tokenA}", null, null, 404,
						"RESERVATION_NOT_FOUND"),
				bad("pay with GET", "GET", "/api/v1/payments/{random}", "Bearer {tokenA}", null, null, 405,
						"METHOD_NOT_ALLOWED"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void refusesBadInputWithA4xxProblemAndChangesNothing(String name, Bad bad) throws Exception {
		Map<String, Object> before = state();
		HttpResponse<String> response = send(bad.method(), fill(bad.path()), fill(bad.authorization()),
				bad.contentType(), (bad.body() != null) ? BodyPublishers.ofString(fill(bad.body())) : null);
		assertProblem(response, bad.status(), bad.code());
		assertThat(state()).as("nothing changed").isEqualTo(before);
	}

	@Test
	void refusesChargeBodyOver16KilobytesWithContentLengthWith413() throws Exception {
		Map<String, Object> before = state();
		HttpResponse<String> response = send("POST", "/api/v1/users/" + this.user + "/points/charge", null, JSON,
				BodyPublishers.ofString(oversizedCharge()));
		assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
		assertThat(state()).isEqualTo(before);
		assertThat(balanceOf(this.user)).isEqualTo(BALANCE);
	}

	@Test
	void refusesChunkedChargeBodyOver16KilobytesWith413() throws Exception {
		Map<String, Object> before = state();
		HttpResponse<String> response = send("POST", "/api/v1/users/" + this.user + "/points/charge", null, JSON,
				chunked(oversizedCharge()));
		assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
		assertThat(state()).isEqualTo(before);
		assertThat(balanceOf(this.user)).isEqualTo(BALANCE);
	}

	@Test
	void refusesChunkedHoldBodyOver16KilobytesWith413() throws Exception {
		Map<String, Object> before = state();
		String body = "{\"concertId\":\"" + this.concertA + "\",\"concertDateId\":" + this.dateA + ",\"pad\":\""
				+ "x".repeat(20 * 1024) + "\"}";
		HttpResponse<String> response = send("POST", "/api/v1/reservations/seats/" + this.seatA,
				"Bearer " + this.tokenA, JSON, chunked(body));
		assertProblem(response, 413, "PAYLOAD_TOO_LARGE");
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void acceptsSmallChunkedBody() throws Exception {
		UserId someone = this.boxOffice.fan(Points.of(0));
		HttpResponse<String> response = send("POST", "/api/v1/users/" + someone + "/points/charge", null, JSON,
				chunked("{\"amount\":10}"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(balanceOf(someone)).isEqualTo(10);
	}

	@Test
	void refusesChunkedMalformedBodyUnderTheLimitWith400() throws Exception {
		Map<String, Object> before = state();
		HttpResponse<String> response = send("POST", "/api/v1/users/" + this.user + "/points/charge", null, JSON,
				chunked("{\"amount\":"));
		assertProblem(response, 400, "MALFORMED_BODY");
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void refusesHugeHeaderWithA4xx() throws Exception {
		Map<String, Object> before = state();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/concerts"))
			.header("X-Padding", "x".repeat(64 * 1024))
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).isBetween(400, 499);
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void refusesPaymentWithTokenOfAnotherConcertWith403AndTakesNoMoney() throws Exception {
		String heldB = hold(this.concertB, this.dateB, firstSeat(this.concertB, this.dateB, this.tokenB), this.tokenB);
		Map<String, Object> before = state();
		HttpResponse<String> response = send("POST", "/api/v1/payments/" + heldB, "Bearer " + this.tokenA, null, null);
		assertProblem(response, 403, "TOKEN_CONCERT_MISMATCH");
		assertThat(state()).isEqualTo(before);
		assertThat(balanceOf(this.user)).isEqualTo(BALANCE);
		assertThat(this.jdbc.queryForObject("SELECT status FROM reservation WHERE id = ?::uuid", String.class, heldB))
			.isEqualTo("HELD");
	}

	@Test
	void refusesPaymentOfAnotherUsersReservationWith404AndTakesNoMoney() throws Exception {
		ConcertId concertC = this.boxOffice.concert("Bad input C", Duration.ofDays(10), 5, Points.of(PRICE));
		UserId owner = this.boxOffice.fan(Points.of(BALANCE));
		String ownerToken = this.api.token(concertC, owner);
		long dateC = firstDate(concertC, ownerToken);
		String heldC = hold(concertC, dateC, firstSeat(concertC, dateC, ownerToken), ownerToken);
		Map<String, Object> before = state();
		HttpResponse<String> response = send("POST", "/api/v1/payments/" + heldC, "Bearer " + this.tokenA, null, null);
		assertProblem(response, 404, "RESERVATION_NOT_FOUND");
		response = send("DELETE", "/api/v1/reservations/" + heldC, "Bearer " + this.tokenA, null, null);
		assertProblem(response, 404, "RESERVATION_NOT_FOUND");
		assertThat(state()).isEqualTo(before);
		assertThat(balanceOf(this.user)).isEqualTo(BALANCE);
		assertThat(balanceOf(owner)).isEqualTo(BALANCE);
	}

	@Test
	void refusesBodyOfInvalidUtf8With400() throws Exception {
		Map<String, Object> before = state();
		byte[] body = { '{', '"', 'a', 'm', 'o', 'u', 'n', 't', '"', ':', (byte) 0xC3, (byte) 0x28, '}' };
		HttpResponse<String> response = send("POST", "/api/v1/users/" + this.user + "/points/charge", null, JSON,
				BodyPublishers.ofByteArray(body));
		assertProblem(response, 400, "MALFORMED_BODY");
		assertThat(state()).isEqualTo(before);
	}

	@Test
	void refusesUnacceptableAcceptHeaderWithA4xx() throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/users/" + this.user + "/points"))
			.header("Authorization", signIn("/api/v1/users/"))
			.header("Accept", "text/csv")
			.GET()
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(406);
	}

	@Test
	void refusesHugeUrlWithA4xx() throws Exception {
		HttpResponse<String> response = send("GET", "/api/v1/users/" + "a".repeat(64 * 1024) + "/points", null, null,
				null);
		assertThat(response.statusCode()).isBetween(400, 499);
	}

	@Test
	void keepsTheWaitingUserWaitingAfterRefusals() {
		assertThat(this.api.get("/api/v1/queue/concerts/" + this.concertA, this.waiterToken)
			.getBody()
			.get("status")
			.asString()).isEqualTo("WAITING");
	}

	private static Arguments bad(String name, String method, String path, String authorization, String contentType,
			String body, int status, String code) {
		return Arguments.of(name, new Bad(method, path, authorization, contentType, body, status, code));
	}

	record Bad(String method, String path, String authorization, String contentType, String body, int status,
			String code) {
	}

	private String fill(String template) {
		if (template == null) {
			return null;
		}
		return template.replace("{A}", this.concertA.toString())
			.replace("{B}", this.concertB.toString())
			.replace("{user}", this.user.toString())
			.replace("{random}", UUID.randomUUID().toString())
			.replace("{dateA}", Long.toString(this.dateA))
			.replace("{dateB}", Long.toString(this.dateB))
			.replace("{seatA}", Long.toString(this.seatA))
			.replace("{seatB}", Long.toString(this.seatB))
			.replace("{tokenA}", this.tokenA)
			.replace("{waiter}", this.waiterToken)
			.replace("{forged}", forgedToken(this.concertA, this.user))
			.replace("{padded}", "A".repeat(78) + "==")
			.replace("{zeros}", "A".repeat(80));
	}

	/**
	 * A token of the right shape (key id, MAC and sealed ids: 60 bytes) with the real
	 * concert and user where the old format kept them in clear, sealed with no secret the
	 * queue has.
	 */
	private static String forgedToken(ConcertId concert, UserId user) {
		ByteBuffer buffer = ByteBuffer.allocate(60);
		buffer.put(UUID.randomUUID().toString().substring(0, 20).getBytes(StandardCharsets.US_ASCII));
		buffer.putLong(concert.value().getMostSignificantBits()).putLong(concert.value().getLeastSignificantBits());
		buffer.putLong(user.value().getMostSignificantBits()).putLong(user.value().getLeastSignificantBits());
		buffer.putLong(0);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	/**
	 * Signs the calls that need it in, so that the bad input is what they meet: a queue
	 * token is issued to the test's user itself, and a wallet is reached as an organiser
	 * (who may reach any, so an unknown user's stays unknown).
	 */
	private String signIn(String path) {
		if (path.startsWith("/api/v1/queue/concerts/") && path.contains("/users/")) {
			return "Bearer " + TestIssuer.tokenFor(this.user);
		}
		if (path.startsWith("/api/v1/users/")) {
			return "Bearer " + TestIssuer.tokenFor(UUID.randomUUID(), Caller.ORGANISER);
		}
		return null;
	}

	private HttpResponse<String> send(String method, String path, String authorization, String contentType,
			BodyPublisher body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? body : BodyPublishers.noBody());
		if (authorization == null) {
			authorization = signIn(path);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return this.http.send(request.build(), BodyHandlers.ofString());
	}

	private void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("code").asString()).isEqualTo(code);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
	}

	/** Everything a request could change: holds, sales, payments, ledger and balances. */
	private Map<String, Object> state() {
		return this.jdbc.queryForMap("""
				SELECT (SELECT count(*) FROM reservation) AS reservations,
				       (SELECT count(*) FROM reservation WHERE status = 'HELD') AS held,
				       (SELECT count(*) FROM payment) AS payments,
				       (SELECT count(*) FROM point_ledger) AS ledger,
				       (SELECT count(*) FROM wallet) AS wallets,
				       (SELECT coalesce(sum(balance), 0) FROM wallet) AS balances,
				       (SELECT count(*) FROM seat WHERE status <> 'AVAILABLE') AS taken,
				       (SELECT count(*) FROM concert) AS concerts""");
	}

	private long balanceOf(UserId user) {
		return this.api.get("/api/v1/users/" + user + "/points", null).getBody().get("balance").asLong();
	}

	private long firstDate(ConcertId concert, String token) {
		return this.api.get("/api/v1/concerts/" + concert + "/dates", token)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
	}

	private long firstSeat(ConcertId concert, long date, String token) {
		return this.api.get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", token)
			.getBody()
			.get(0)
			.get("seatId")
			.asLong();
	}

	private String hold(ConcertId concert, long date, long seat, String token) {
		JsonNode held = this.api
			.post("/api/v1/reservations/seats/" + seat, token,
					Map.of("concertId", concert.toString(), "concertDateId", date))
			.getBody();
		assertThat(held.get("status").asString()).isEqualTo("HELD");
		return held.get("reservationId").asString();
	}

	private static String oversizedCharge() {
		return "{\"amount\":100,\"pad\":\"" + "x".repeat(20 * 1024) + "\"}";
	}

	private static BodyPublisher chunked(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		// A stream of unknown length goes out with Transfer-Encoding: chunked.
		return BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
	}

}
