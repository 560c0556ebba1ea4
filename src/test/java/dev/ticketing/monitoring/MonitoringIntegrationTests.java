package dev.ticketing.monitoring;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.Seat;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees of the running service (prod profile, real PostgreSQL and Redis):
 * probes and build info on the management port and nowhere else, each business metric
 * moving when its event happens, and a request id in every response and log line.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "concert.reservation.sweep-interval=1h", "concert.queue.idle-timeout=1h",
		"concert.queue.max-active=1", "concert.queue.waiting-grace=1h", "concert.monitoring.queue-interval=100ms" })
@Import(MutableClockConfiguration.class)
class MonitoringIntegrationTests {

	private static final Points PRICE = Points.of(1_000);

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ReservationService reservations;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MutableClock clock;

	@Autowired
	ApplicationContext context;

	@Test
	void probesAndBuildInfoAreServedOnTheManagementPortOnly() {
		Api management = new Api(this.managementPort);
		ResponseEntity<JsonNode> readiness = management.get("/actuator/health/readiness", null);
		assertThat(readiness.getStatusCode().value()).isEqualTo(200);
		assertThat(readiness.getBody().get("status").asString()).isEqualTo("UP");
		assertThat(readiness.getBody().get("components").propertyNames()).containsExactly("readinessState");
		ResponseEntity<JsonNode> liveness = management.get("/actuator/health/liveness", null);
		assertThat(liveness.getStatusCode().value()).isEqualTo(200);
		assertThat(liveness.getBody().get("components").propertyNames()).containsExactly("livenessState");
		JsonNode build = management.get("/actuator/info", null).getBody().get("build");
		assertThat(build.get("version").asString()).isNotBlank();
		assertThat(build.get("artifact").asString()).isEqualTo("concert-booking");

		Api pub = new Api(this.port);
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus",
				"/actuator/info", "/actuator/metrics")) {
			assertThat(pub.get(path, null).getStatusCode().value()).as(path).isEqualTo(404);
		}
	}

	@Test
	void readinessTurnsDownWhileDraining() {
		Api management = new Api(this.managementPort);
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		try {
			assertThat(management.get("/actuator/health/readiness", null).getStatusCode().value()).isEqualTo(503);
			assertThat(management.get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);
		}
		finally {
			AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
		}
		assertThat(management.get("/actuator/health/readiness", null).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void eachBusinessMetricMovesWhenItsEventHappens() {
		OnSale sale = this.boxOffice.concertOnSale("Metrics", 3, PRICE);
		ConcertId concert = sale.concert();
		List<Seat> seats = sale.seats();
		String tag = concert.toString();
		UserId rich = this.boxOffice.fan(Points.of(5_000));
		UserId poor = this.boxOffice.fan(Points.of(10));
		UserId waiter = this.boxOffice.fan(Points.of(0));
		Api api = new Api(this.port);

		// max-active is 1: the first user is admitted, the second waits.
		String richToken = api.token(concert, rich);
		api.token(concert, waiter);
		await().untilAsserted(() -> {
			assertThat(gauge("concert.queue.active", tag)).isEqualTo(1);
			assertThat(gauge("concert.queue.waiting", tag)).isEqualTo(1);
			assertThat(counter(this.meters.get("concert.queue.admissions").tag("concert", tag))).isEqualTo(1);
		});

		String held = api.post("/api/v1/reservations/seats/" + seats.get(0).id().value(), richToken, sale.holdBody())
			.getBody()
			.get("reservationId")
			.asString();
		assertThat(holds(tag, "taken")).isEqualTo(1);

		assertThat(api.post("/api/v1/reservations/seats/" + seats.get(0).id().value(), richToken, sale.holdBody())
			.getStatusCode()
			.value()).isEqualTo(409);
		assertThat(holds(tag, "refused")).isEqualTo(1);
		assertThat(counter(this.meters.get(BusinessMetrics.HOLDS)
			.tag("concert", tag)
			.tag("outcome", "refused")
			.tag("reason", "SEAT_UNAVAILABLE"))).isEqualTo(1);

		api.post("/api/v1/reservations/seats/" + seats.get(1).id().value(), richToken, sale.holdBody());
		this.clock.advance(Duration.ofMinutes(6));
		double expiredBefore = holds(BusinessMetrics.ALL_CONCERTS, "expired");
		this.reservations.expireHolds();
		assertThat(holds(BusinessMetrics.ALL_CONCERTS, "expired")).isEqualTo(expiredBefore + 2);

		String again = api.post("/api/v1/reservations/seats/" + seats.get(2).id().value(), richToken, sale.holdBody())
			.getBody()
			.get("reservationId")
			.asString();
		assertThat(api.post("/api/v1/payments/" + held, richToken, null).getStatusCode().value()).isEqualTo(410);
		assertThat(payments(tag, "refused", "HOLD_EXPIRED")).isEqualTo(1);
		// The waiting user's page still polls (asking for the token again counts), so
		// the freed slot is theirs.
		api.token(concert, waiter);
		assertThat(api.post("/api/v1/payments/" + again, richToken, null).getStatusCode().value()).isEqualTo(200);
		assertThat(payments(tag, "succeeded", "none")).isEqualTo(1);
		// The paid user's slot goes to the one waiting, who waited the 6 minutes the
		// clock moved (and the mean wait is half that).
		await().untilAsserted(() -> {
			assertThat(gauge("concert.queue.waiting", tag)).isZero();
			assertThat(counter(this.meters.get("concert.queue.admissions").tag("concert", tag))).isEqualTo(2);
			FunctionTimer wait = this.meters.get("concert.queue.activation.wait").tag("concert", tag).functionTimer();
			assertThat(wait.count()).isEqualTo(2);
			assertThat(wait.totalTime(TimeUnit.SECONDS)).isBetween(360.0, 362.0);
		});

		OnSale other = this.boxOffice.concertOnSale("Poor", 1, PRICE);
		String poorToken = api.token(other.concert(), poor);
		String unpaid = api
			.post("/api/v1/reservations/seats/" + other.seat(0).id().value(), poorToken, other.holdBody())
			.getBody()
			.get("reservationId")
			.asString();
		assertThat(api.post("/api/v1/payments/" + unpaid, poorToken, null).getStatusCode().value()).isEqualTo(409);
		assertThat(payments(other.concert().toString(), "refused", "INSUFFICIENT_BALANCE")).isEqualTo(1);
	}

	@Test
	void browseCacheLookupsCountAsHitsAndMisses() {
		ConcertId concert = this.boxOffice.concert("Cache", 1, PRICE);
		Api api = new Api(this.port);
		String token = api.token(concert, this.boxOffice.fan(Points.of(0)));
		double hits = counter(this.meters.get("concert.cache.requests").tag("result", "hit"));
		double misses = counter(this.meters.get("concert.cache.requests").tag("result", "miss"));
		api.get("/api/v1/concerts/" + concert + "/dates", token);
		api.get("/api/v1/concerts/" + concert + "/dates", token);
		assertThat(counter(this.meters.get("concert.cache.requests").tag("result", "miss")) - misses).isEqualTo(1);
		assertThat(counter(this.meters.get("concert.cache.requests").tag("result", "hit")) - hits).isEqualTo(1);
		assertThat(this.meters.get("concert.seat.claims.fallback").counter().count()).as("Redis answered every claim")
			.isZero();
	}

	@Test
	void requestsAreTimedOnceNotPerSecurityFilter() {
		ConcertId concert = this.boxOffice.concert("Timed", 1, PRICE);
		Api api = new Api(this.port);
		String token = api.token(concert, this.boxOffice.fan(Points.of(0)));
		api.get("/api/v1/queue/concerts/" + concert, token);
		assertThat(this.meters.find("http.server.requests").timers()).isNotEmpty();
		assertThat(this.meters.getMeters())
			.noneMatch((meter) -> meter.getId().getName().startsWith("spring.security."));
	}

	@Test
	void everyResponseAndLogLineCarriesARequestIdAndNoTokenIsLogged(CapturedOutput output) throws Exception {
		ConcertId concert = this.boxOffice.concert("Logs", 1, PRICE);
		String token = new Api(this.port).token(concert, this.boxOffice.fan(Points.of(0)));
		String path = "/api/v1/concerts/" + concert + "/dates";

		assertThat(send("GET", path, token, null).headers().firstValue("X-Request-Id").orElseThrow())
			.as("an id is made up when none is sent")
			.hasSize(36);
		assertThat(send("GET", path, token, "proxy-given-id-42").headers().firstValue("X-Request-Id"))
			.as("a plain id from a proxy is kept")
			.hasValue("proxy-given-id-42");
		assertThat(send("GET", path, token, "id\",\"forged\":\"field").headers().firstValue("X-Request-Id"))
			.as("anything else is replaced")
			.hasValueSatisfying((id) -> assertThat(id).doesNotContain("forged"));

		// An unsupported method is logged (WARN) while the request is served.
		send("DELETE", path, token, "logged-request-7");
		String logged = output.getOut()
			.lines()
			.filter((line) -> line.contains("logged-request-7"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no log line with the request id"));
		JsonNode line = JsonMapper.shared().readTree(logged);
		assertThat(line.get("requestId").asString()).isEqualTo("logged-request-7");
		assertThat(line.get("log").get("level").asString()).isEqualTo("WARN");
		assertThat(output.getAll()).doesNotContain(token);
	}

	private HttpResponse<String> send(String method, String path, String token, String requestId) throws Exception {
		Wire wire = new Wire(this.port);
		return (requestId != null) ? wire.send(method, path, token, null, "X-Request-Id", requestId)
				: wire.send(method, path, token, null);
	}

	private double gauge(String name, String concert) {
		return this.meters.get(name).tag("concert", concert).gauge().value();
	}

	private double holds(String concert, String outcome) {
		RequiredSearch search = this.meters.get(BusinessMetrics.HOLDS).tag("concert", concert).tag("outcome", outcome);
		return counter(search);
	}

	private double payments(String concert, String outcome, String reason) {
		return counter(this.meters.get(BusinessMetrics.PAYMENTS)
			.tag("concert", concert)
			.tag("outcome", outcome)
			.tag("reason", reason));
	}

	private static double counter(RequiredSearch search) {
		try {
			return search.counter().count();
		}
		catch (RuntimeException ex) {
			try {
				return search.functionCounter().count();
			}
			catch (RuntimeException notThere) {
				return 0;
			}
		}
	}

}
