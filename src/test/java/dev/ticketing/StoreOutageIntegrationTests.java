package dev.ticketing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

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
import dev.ticketing.support.IsolatedStores;
import dev.ticketing.support.PrivateRedis;
import dev.ticketing.support.Race;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stores fail under load: Redis is stopped (a private redis-server of this test's
 * own) and PostgreSQL cuts every connection of the service for a while, as a restart
 * does. No seat is sold twice, no point is lost, clients get 4xx or 503 (never another
 * 5xx), and the service recovers by itself.
 */
class StoreOutageIntegrationTests {

	static final String APPLICATION = "outage-" + UUID.randomUUID();

	static final long PRICE = 100;

	static PrivateRedis redis;

	static Instances instances;

	static ConfigurableApplicationContext service;

	@BeforeAll
	static void start() throws Exception {
		redis = PrivateRedis.start();
		instances = new Instances("outage", "&ApplicationName=" + APPLICATION);
		service = instances.start("--spring.data.redis.port=" + redis.port(), "--concert.queue.max-active=1000",
				"--spring.datasource.hikari.connection-timeout=1000",
				// Every booking call asks the stores, so every call after the fault
				// meets it: with the usual rechecks, the load can finish on what the
				// instance learned in the last second and never reach the fallbacks
				// under test.
				"--concert.queue.admission-recheck=0", "--concert.reservation.claim-recheck=0");
	}

	@AfterAll
	static void stop() {
		if (instances != null) {
			instances.close();
		}
		redis.close();
	}

	@Test
	void redisStoppedMidLoadLosesNoSeatAndNoPointAndTheServiceRecoversWhenItReturns() throws Exception {
		Fixture f = fixture(60, 200);
		MeterRegistry meters = service.getBean(MeterRegistry.class);
		loadWith(f, () -> {
			redis.kill();
			return () -> {
			};
		});
		assertThat(meters.counter("concert.seat.claims.fallback").count()).as("holds went to PostgreSQL alone")
			.isPositive();
		assertThat(meters.counter("concert.queue.fallback.admissions").count())
			.as("admitted users booked on through the outage")
			.isPositive();
		assertIntegrity(f);

		redis.startAgain();
		Api api = api();
		UserId newcomer = service.getBean(PointService.class).register(Points.ZERO);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> api.post("/api/v1/queue/concerts/" + f.concert + "/users/" + newcomer, null, null)
				.getStatusCode()
				.value() == 201);
	}

	@Test
	void postgresCuttingEveryConnectionMidLoadLeavesNoPaymentHalfDoneAndTheServiceRecovers() throws Exception {
		Fixture f = fixture(60, 200);
		loadWith(f, () -> {
			CountDownLatch firstCut = new CountDownLatch(1);
			Thread cutting = Thread.ofVirtual().start(() -> {
				try (SingleConnectionDataSource admin = new SingleConnectionDataSource(IsolatedStores.POSTGRES,
						"postgres", "", true)) {
					JdbcTemplate jdbc = new JdbcTemplate(admin);
					Instant end = Instant.now().plusMillis(1500);
					do {
						jdbc.queryForList(
								"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?",
								APPLICATION);
						firstCut.countDown();
					}
					while (Instant.now().isBefore(end));
				}
				finally {
					firstCut.countDown();
				}
			});
			firstCut.await();
			return cutting::join;
		});
		assertIntegrity(f);
		Api api = api();
		await().atMost(Duration.ofSeconds(15))
			.until(() -> api.get("/api/v1/users/" + f.users.get(0) + "/points", null).getStatusCode().value() == 200);
	}

	/**
	 * Half the users hold and pay before {@code fault} strikes, the other half after it
	 * is in effect; then checks what clients were told. Before the fault the second half
	 * only looks at the dates (a booking call, so this instance has seen each of them
	 * admitted), keeping its admissions open; after it, it picks its seats from the half
	 * of the hall the first half never touched. So its first holds meet the stopped
	 * stores by construction, not by timing.
	 */
	private static void loadWith(Fixture f, Fault fault) throws InterruptedException {
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		int half = f.users.size() / 2;
		List<Long> before = f.seats.subList(0, f.seats.size() / 2);
		List<Long> after = f.seats.subList(f.seats.size() / 2, f.seats.size());
		Race.run(f.users.size(), (i) -> {
			if (i < half) {
				rounds(f, i, before, statuses);
			}
			else {
				count(statuses, api().get("/api/v1/concerts/" + f.concert + "/dates", f.tokens.get(i)));
			}
			return null;
		});
		Fault.Struck struck = fault.strike();
		Race.run(f.users.size() - half, (i) -> {
			rounds(f, half + i, after, statuses);
			return null;
		});
		struck.end();
		// 401: a user who has paid for every hold has left the queue and is done.
		assertThat(statuses.keySet()).as("statuses seen: %s", statuses).isSubsetOf(Set.of(200, 401, 409, 410, 503));
	}

	private static void rounds(Fixture f, int user, List<Long> seats, Map<Integer, AtomicInteger> statuses) {
		for (int round = 0; round < 6; round++) {
			book(f, user, seats.get(ThreadLocalRandom.current().nextInt(seats.size())), statuses);
		}
	}

	/** Strikes once; returns when the fault is in effect. */
	interface Fault {

		Struck strike() throws InterruptedException;

		/** A fault in effect; {@code end} waits until it is over. */
		interface Struck {

			void end() throws InterruptedException;

		}

	}

	private static void book(Fixture f, int i, long seat, Map<Integer, AtomicInteger> statuses) {
		Api api = api();
		ResponseEntity<JsonNode> held = api.post("/api/v1/reservations/seats/" + seat, f.tokens.get(i),
				Map.of("concertId", f.concert.toString(), "concertDateId", f.date));
		count(statuses, held);
		if (held.getStatusCode().value() == 200) {
			count(statuses, api.post("/api/v1/payments/" + held.getBody().get("reservationId").asString(),
					f.tokens.get(i), null));
		}
	}

	private static void count(Map<Integer, AtomicInteger> statuses, ResponseEntity<JsonNode> response) {
		statuses.computeIfAbsent(response.getStatusCode().value(), (s) -> new AtomicInteger()).incrementAndGet();
	}

	private static void assertIntegrity(Fixture f) {
		JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
		await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
			assertThat(jdbc.queryForObject("""
					SELECT count(*) FROM (SELECT seat_id FROM reservation
					 WHERE status = 'PAID' OR (status = 'HELD' AND expires_at > now())
					 GROUP BY seat_id HAVING count(*) > 1) twice""", Long.class)).as("no seat held or sold twice")
				.isZero();
			assertThat(jdbc.queryForObject(
					"""
							SELECT count(*) FROM reservation r
							 WHERE r.status = 'PAID' AND (
							   (SELECT count(*) FROM payment p WHERE p.reservation_id = r.id) <> 1
							   OR NOT EXISTS (SELECT 1 FROM seat s WHERE s.id = r.seat_id AND s.status = 'SOLD' AND s.reservation_id = r.id))""",
					Long.class))
				.as("every confirmed reservation has one payment and its seat sold")
				.isZero();
			assertThat(jdbc.queryForObject(
					"""
							SELECT count(*) FROM wallet w WHERE balance <> (SELECT coalesce(sum(CASE kind WHEN 'CHARGE' THEN amount
							 ELSE -amount END), 0) FROM point_ledger l WHERE l.user_id = w.user_id)""",
					Long.class))
				.as("every balance equals its ledger")
				.isZero();
			List<UUID> ids = f.users.stream().map(UserId::value).toList();
			long balances = 0;
			for (UUID id : ids) {
				balances += jdbc.queryForObject("SELECT balance FROM wallet WHERE user_id = ?", Long.class, id);
			}
			long paid = jdbc.queryForObject("SELECT coalesce(sum(amount), 0) FROM payment WHERE reservation_id IN"
					+ " (SELECT id FROM reservation WHERE concert_id = ?)", Long.class, f.concert.value());
			assertThat(balances + paid).as("no point lost or made").isEqualTo(f.users.size() * f.balance);
		});
	}

	private static Fixture fixture(int users, int seats) {
		ConcertId concert = service.getBean(ConcertService.class)
			.addConcert("Outage", "Hall", List.of(Instant.now().plus(Duration.ofDays(3))), seats, Points.of(PRICE));
		PointService wallets = service.getBean(PointService.class);
		long balance = PRICE * 3;
		List<UserId> ids = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		Api api = api();
		for (int i = 0; i < users; i++) {
			UserId user = wallets.register(Points.of(balance));
			ids.add(user);
			tokens.add(api.token(concert, user));
		}
		long date = api.get("/api/v1/concerts/" + concert + "/dates", tokens.get(0))
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		List<Long> seatIds = new ArrayList<>();
		api.get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", tokens.get(0))
			.getBody()
			.forEach((s) -> seatIds.add(s.get("seatId").asLong()));
		return new Fixture(concert, date, seatIds, ids, tokens, balance);
	}

	private static Api api() {
		return Instances.api(service);
	}

	record Fixture(ConcertId concert, long date, List<Long> seats, List<UserId> users, List<String> tokens,
			long balance) {
	}

}
