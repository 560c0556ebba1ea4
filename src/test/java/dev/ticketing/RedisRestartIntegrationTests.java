package dev.ticketing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.Instances;
import dev.ticketing.support.PrivateRedis;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis restarts under the running service (a private redis-server of this test's own,
 * stopped as an orchestrator stops it and started again on the same port). Without
 * persistence it comes back empty: the line is gone, every queue token reads EXPIRED and
 * books nothing, and users queue again, in a new line; a seat already held stays its
 * holder's to pay, as PostgreSQL holds it. With AOF, as deploy/ configures Redis, it
 * comes back with the line: every place and admission is where it was, and the same
 * tokens go on working.
 */
class RedisRestartIntegrationTests {

	/** As deploy/compose.yaml and deploy/k8s run Redis. */
	static final String[] AOF = { "--appendonly", "yes", "--appendfsync", "everysec" };

	static PrivateRedis redis;

	static Instances instances;

	static ConfigurableApplicationContext service;

	@BeforeAll
	static void start() {
		redis = PrivateRedis.start();
		instances = new Instances("restart");
		service = instances.start("--spring.data.redis.port=" + redis.port(), "--concert.queue.max-active=1",
				"--concert.queue.admission-recheck=0", "--concert.reservation.claim-recheck=0",
				"--logging.level.dev.ticketing=ERROR");
	}

	@AfterAll
	static void stop() {
		if (instances != null) {
			instances.close();
		}
		redis.close();
	}

	@Test
	void withoutPersistenceARestartEmptiesTheLineTokensReadExpiredAndAHeldSeatStaysPayable() {
		redis.startAgain();
		Line line = line();
		String reservation = hold(line);

		redis.startAgain();

		await().atMost(Duration.ofSeconds(15))
			.until(() -> status(line.concert(), line.admitted()).getStatusCode().value() == 200);
		assertThat(state(line.concert(), line.admitted())).isEqualTo("EXPIRED");
		assertThat(state(line.concert(), line.waiting())).as("the place in line is gone").isEqualTo("EXPIRED");
		ResponseEntity<JsonNode> dates = api().get("/api/v1/concerts/" + line.concert() + "/dates", line.admitted());
		assertThat(dates.getStatusCode().value()).isEqualTo(401);
		assertThat(dates.getBody().get("code").asString()).isEqualTo("TOKEN_EXPIRED");

		assertThat(api().post("/api/v1/payments/" + reservation, line.admitted(), null).getStatusCode().value())
			.as("the hold is in PostgreSQL, and a live hold is a right to pay")
			.isEqualTo(200);
		String again = api().token(line.concert(), line.waitingUser());
		assertThat(again).as("queueing again gives a new token").isNotEqualTo(line.waiting());
		assertThat(state(line.concert(), again)).as("in the new line, which the payment left empty")
			.isEqualTo("ACTIVE");
		assertThat(state(line.concert(), line.waiting())).as("the old token stays expired").isEqualTo("EXPIRED");
	}

	@Test
	void withAofEveryPlaceAndAdmissionSurvivesARestartAndTheSameTokensWork() {
		redis.startAgain(AOF);
		Line line = line();
		String reservation = hold(line);

		redis.startAgain(AOF);

		await().atMost(Duration.ofSeconds(15))
			.until(() -> status(line.concert(), line.admitted()).getStatusCode().value() == 200);
		assertThat(state(line.concert(), line.admitted())).isEqualTo("ACTIVE");
		JsonNode waiting = status(line.concert(), line.waiting()).getBody();
		assertThat(waiting.get("status").asString()).isEqualTo("WAITING");
		assertThat(waiting.get("position").asLong()).isEqualTo(1);
		assertThat(api().get("/api/v1/concerts/" + line.concert() + "/dates", line.admitted()).getStatusCode().value())
			.isEqualTo(200);
		assertThat(api().post("/api/v1/payments/" + reservation, line.admitted(), null).getStatusCode().value())
			.isEqualTo(200);
		assertThat(state(line.concert(), line.waiting())).as("the payment handed the slot on").isEqualTo("ACTIVE");
	}

	/** A concert of two seats with one user admitted (max-active 1) and one waiting. */
	private static Line line() {
		ConcertService concerts = service.getBean(ConcertService.class);
		PointService points = service.getBean(PointService.class);
		ConcertId concert = concerts.addConcert("Restart", "Hall", List.of(Instant.now().plus(Duration.ofDays(7))), 2,
				Points.of(100));
		ConcertDateId date = concerts.dates(concert).getFirst().id();
		long seat = concerts.availableSeats(concert, date).getFirst().id().value();
		UserId first = points.register(Points.of(1_000));
		UserId second = points.register(Points.of(1_000));
		String admitted = api().token(concert, first);
		String waiting = api().token(concert, second);
		assertThat(state(concert, admitted)).isEqualTo("ACTIVE");
		assertThat(state(concert, waiting)).isEqualTo("WAITING");
		return new Line(concert, date, seat, admitted, waiting, second);
	}

	private static String hold(Line line) {
		ResponseEntity<JsonNode> held = api().post("/api/v1/reservations/seats/" + line.seat(), line.admitted(),
				Map.of("concertId", line.concert().toString(), "concertDateId", line.date().value()));
		assertThat(held.getStatusCode().value()).isEqualTo(200);
		return held.getBody().get("reservationId").asString();
	}

	private static ResponseEntity<JsonNode> status(ConcertId concert, String token) {
		return api().get("/api/v1/queue/concerts/" + concert, token);
	}

	private static String state(ConcertId concert, String token) {
		return status(concert, token).getBody().get("status").asString();
	}

	private static Api api() {
		return Instances.api(service);
	}

	record Line(ConcertId concert, ConcertDateId date, long seat, String admitted, String waiting, UserId waitingUser) {
	}

}
