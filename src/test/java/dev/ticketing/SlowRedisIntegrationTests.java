package dev.ticketing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.Instances;
import dev.ticketing.support.PrivateRedis;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis slows down (a private redis-server of this test's own, put to sleep with
 * {@code DEBUG SLEEP}) while payments commit: their Redis upkeep (the sold seat's claim,
 * the paid user's queue slot) waits for Redis, but their database connections are back in
 * the pool the moment they commit, so nothing else waits for a connection.
 */
class SlowRedisIntegrationTests {

	static final int POOL = 2;

	static PrivateRedis redis;

	static Instances instances;

	static ConfigurableApplicationContext service;

	@BeforeAll
	static void start() throws Exception {
		redis = PrivateRedis.start("--enable-debug-command", "yes");
		instances = new Instances("slowredis");
		service = instances.start("--spring.datasource.hikari.maximum-pool-size=" + POOL,
				"--spring.datasource.hikari.minimum-idle=" + POOL, "--spring.data.redis.port=" + redis.port(),
				"--spring.data.redis.timeout=10s",
				// The payments are let through on the admission the instance saw at
				// the hold, so the only Redis calls they make follow their commit.
				"--concert.queue.admission-recheck=1m");
	}

	@AfterAll
	static void stop() {
		if (instances != null) {
			instances.close();
		}
		redis.close();
	}

	@Test
	void paymentsGiveTheirConnectionBackBeforeTheirRedisUpkeepWhileRedisIsSlow() throws Exception {
		ConcertId concert = service.getBean(ConcertService.class)
			.addConcert("Slow Redis", "Hall", List.of(Instant.now().plus(Duration.ofDays(3))), 10, Points.of(100));
		Api api = api();
		List<String> tokens = new ArrayList<>();
		List<String> reservations = new ArrayList<>();
		for (int i = 0; i < POOL; i++) {
			UserId user = service.getBean(PointService.class).register(Points.of(1_000));
			String token = api.token(concert, user);
			long date = api.get("/api/v1/concerts/" + concert + "/dates", token)
				.getBody()
				.get(0)
				.get("concertDateId")
				.asLong();
			long seat = api.get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", token)
				.getBody()
				.get(i)
				.get("seatId")
				.asLong();
			ResponseEntity<JsonNode> held = api.post("/api/v1/reservations/seats/" + seat, token,
					Map.of("concertId", concert.toString(), "concertDateId", date));
			assertThat(held.getStatusCode().value()).isEqualTo(200);
			tokens.add(token);
			reservations.add(held.getBody().get("reservationId").asString());
		}
		MeterRegistry meters = service.getBean(MeterRegistry.class);
		JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);

		RedisClient client = RedisClient.create("redis://127.0.0.1:" + redis.port());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisFuture<String> asleep = connection.async()
				.dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
						new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add(3));
			List<CompletableFuture<ResponseEntity<JsonNode>>> payments = new ArrayList<>();
			for (int i = 0; i < POOL; i++) {
				int u = i;
				payments.add(CompletableFuture
					.supplyAsync(() -> api.post("/api/v1/payments/" + reservations.get(u), tokens.get(u), null)));
			}
			await().atMost(Duration.ofSeconds(2))
				.until(() -> jdbc.queryForObject("SELECT count(*) FROM payment", Long.class) == POOL);
			assertThat(asleep.isDone()).as("Redis still asleep").isFalse();
			assertThat(payments).as("payments wait for their Redis upkeep").noneMatch(CompletableFuture::isDone);
			await().atMost(Duration.ofSeconds(1))
				.until(() -> meters.get("hikaricp.connections.active").gauge().value() == 0);
			assertThat(meters.get("hikaricp.connections.pending").gauge().value()).isZero();
			for (CompletableFuture<ResponseEntity<JsonNode>> payment : payments) {
				assertThat(payment.get().getStatusCode().value()).isEqualTo(200);
			}
		}
		finally {
			client.shutdown();
		}
	}

	private static Api api() {
		return Instances.api(service);
	}

}
