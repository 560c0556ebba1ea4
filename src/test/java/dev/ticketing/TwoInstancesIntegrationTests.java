package dev.ticketing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.KnownConcerts;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.Instances;
import dev.ticketing.support.Race;
import dev.ticketing.support.TestIssuer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two service instances on one PostgreSQL and one Redis, hammered through both at once,
 * behave as one: no seat held twice, never more than max-active admitted, and each
 * instance's seat list agrees with the database within a second.
 */
class TwoInstancesIntegrationTests {

	static final int MAX_ACTIVE = 20;

	static final Instances instances = new Instances("two");

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances() {
		first = start();
		second = start();
	}

	@AfterAll
	static void stop() {
		instances.close();
	}

	@Test
	void hundredsOfUsersJoiningAndLeavingThroughBothNeverPassTheCap() {
		ConcertId concert = concert(10);
		List<UserId> users = users(300, 0);
		StringRedisTemplate redis = first.getBean(StringRedisTemplate.class);
		String active = instances.prefix() + "queue:{" + concert + "}:active";
		AtomicLong highest = new AtomicLong();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread watcher = Thread.ofVirtual().start(() -> {
			while (running.get()) {
				highest.accumulateAndGet(redis.opsForZSet().zCard(active), Math::max);
			}
		});
		List<Race.Outcome<String>> outcomes = Race.run(users.size(), (i) -> {
			Api api = api(i % 2 == 0 ? first : second);
			Api other = api(i % 2 == 0 ? second : first);
			String token = api.token(concert, users.get(i));
			// What this user was told, so that a user who never got a turn shows how.
			List<String> told = new ArrayList<>();
			for (int poll = 0; poll < 2_000; poll++) {
				JsonNode status = other.get("/api/v1/queue/concerts/" + concert, token).getBody();
				String said = status.get("status").asString() + status.path("position").asLong();
				if (told.isEmpty() || !told.getLast().equals(said)) {
					told.add(said);
				}
				if ("ACTIVE".equals(status.get("status").asString())) {
					api.delete("/api/v1/queue/concerts/" + concert, token);
					return "ACTIVE";
				}
				// A client's pace between polls: 300 pollers with none would take every
				// core, and the turns they wait for would come only as fast as the
				// machine's neighbours allow.
				pause(Duration.ofMillis(20));
			}
			return status(other, concert, token) + " after " + told.subList(Math.max(0, told.size() - 20), told.size());
		});
		running.set(false);
		watcher.interrupt();
		assertThat(highest.get()).isPositive().isLessThanOrEqualTo(MAX_ACTIVE);
		assertThat(Race.Outcome.values(outcomes)).as("every user got a turn")
			.hasSize(users.size())
			.containsOnly("ACTIVE");
	}

	@Test
	void holdsThroughBothInstancesTakeEachSeatAtMostOnceAndBothSeatListsAgreeWithTheDatabase() {
		ConcertId concert = concert(100);
		List<UserId> users = users(MAX_ACTIVE, 100_000);
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < users.size(); i++) {
			tokens.add(api(i % 2 == 0 ? first : second).token(concert, users.get(i)));
		}
		long date = api(first).get("/api/v1/concerts/" + concert + "/dates", tokens.get(0))
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		List<Long> seats = seatList(first, concert, date, tokens.get(0));
		assertThat(seats).hasSize(100);
		Map<Long, Set<String>> winners = new ConcurrentHashMap<>();

		Race.run(1_000, (i) -> {
			long seat = seats.get(ThreadLocalRandom.current().nextInt(seats.size()));
			int u = i % tokens.size();
			ResponseEntity<JsonNode> held = api(i % 2 == 0 ? first : second).post("/api/v1/reservations/seats/" + seat,
					tokens.get(u), Map.of("concertId", concert.toString(), "concertDateId", date));
			int status = held.getStatusCode().value();
			assertThat(status).isIn(200, 409);
			if (status == 200) {
				winners.computeIfAbsent(seat, (s) -> Collections.synchronizedSet(new HashSet<>()))
					.add(held.getBody().get("reservationId").asString());
			}
			return status;
		});

		assertThat(winners.values()).allSatisfy((w) -> assertThat(w).hasSize(1));
		JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
		assertThat(jdbc.queryForObject(
				"SELECT count(*) FROM (SELECT seat_id FROM reservation GROUP BY seat_id HAVING count(*) > 1) twice",
				Long.class))
			.isZero();
		Set<Long> free = new HashSet<>(jdbc
			.queryForList("SELECT id FROM seat WHERE concert_date_id = ? AND status = 'AVAILABLE'", Long.class, date));
		assertThat(free).hasSize(100 - winners.size());
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(
					() -> assertThat(new HashSet<>(seatList(first, concert, date, tokens.get(0)))).isEqualTo(free));
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(
					() -> assertThat(new HashSet<>(seatList(second, concert, date, tokens.get(1)))).isEqualTo(free));
	}

	@Test
	void anOrganisersChangeOnOneInstanceHoldsOnTheOtherWithinTheSaleTtl() {
		String organiser = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");
		Api one = api(first);
		Api two = api(second);
		String concert = one
			.post("/api/v1/organiser/concerts", organiser,
					Map.of("title", "Settings", "venue", "Hall", "timeZone", "UTC", "queue", Map.of("maxActive", 1)))
			.getBody()
			.get("concertId")
			.asString();
		one.post("/api/v1/organiser/concerts/" + concert + "/dates", organiser,
				Map.of("startsAt", Instant.now().plus(Duration.ofDays(9)).toString(), "sections",
						List.of(Map.of("name", "A", "rows", List.of(Map.of("label", "1", "seats", 2, "price", 10))))));
		one.patch("/api/v1/organiser/concerts/" + concert, organiser, Map.of("status", "ON_SALE"));
		ConcertId id = ConcertId.of(concert);
		KnownConcerts secondsView = second.getBean(KnownConcerts.class);
		await().atMost(Duration.ofSeconds(3))
			.until(() -> secondsView.sale(id).map((sale) -> sale.status() == SaleStatus.ON_SALE).orElse(false));
		List<UserId> users = users(3, 0);
		String a = two.token(id, users.get(0));
		String b = two.token(id, users.get(1));
		assertThat(status(two, id, a)).isEqualTo("ACTIVE");
		assertThat(status(two, id, b)).as("the concert's own cap of 1, on the other instance").isEqualTo("WAITING");

		one.patch("/api/v1/organiser/concerts/" + concert, organiser, Map.of("queue", Map.of("maxActive", 2)));
		await().atMost(Duration.ofSeconds(3)).until(() -> "ACTIVE".equals(status(two, id, b)));

		one.patch("/api/v1/organiser/concerts/" + concert, organiser, Map.of("status", "PAUSED"));
		await().atMost(Duration.ofSeconds(3))
			.until(() -> secondsView.sale(id).map((sale) -> sale.status() == SaleStatus.PAUSED).orElse(false));
		String c = two.token(id, users.get(2));
		two.delete("/api/v1/queue/concerts/" + concert, a);
		assertThat(status(two, id, c)).as("paused: the freed slot stays empty").isEqualTo("WAITING");
		assertThat(status(one, id, c)).isEqualTo("WAITING");
	}

	private static void pause(Duration pace) {
		try {
			Thread.sleep(pace);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String status(Api api, ConcertId concert, String token) {
		return api.get("/api/v1/queue/concerts/" + concert, token).getBody().get("status").asString();
	}

	private static List<Long> seatList(ConfigurableApplicationContext instance, ConcertId concert, long date,
			String token) {
		List<Long> ids = new ArrayList<>();
		api(instance).get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", token)
			.getBody()
			.forEach((s) -> ids.add(s.get("seatId").asLong()));
		return ids;
	}

	private static ConcertId concert(int seats) {
		return BoxOffice.of(first).concert("Two instances", Duration.ofDays(2), seats, Points.of(100));
	}

	private static List<UserId> users(int count, long points) {
		BoxOffice boxOffice = BoxOffice.of(first);
		List<UserId> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			users.add(boxOffice.fan(Points.of(points)));
		}
		return users;
	}

	private static Api api(ConfigurableApplicationContext instance) {
		return Instances.api(instance);
	}

	private static ConfigurableApplicationContext start() {
		return instances.start("--concert.queue.max-active=" + MAX_ACTIVE,
				// Each user here polls and holds in a tight loop, far past any rate
				// limit; the limits across two instances have a test of their own.
				"--concert.limits.enabled=false",
				// An admitted user here learns of the turn from a status poll, which on a
				// busy machine can take longer than the 10 s an admission without a
				// booking call lasts while others wait; that rule has tests of its own.
				"--concert.queue.idle-timeout-while-waiting=2m");
	}

}
