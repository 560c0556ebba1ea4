package dev.ticketing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.support.Api;
import dev.ticketing.support.LocalDeploy;
import dev.ticketing.support.ServiceJar;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.util.FileSystemUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.UnknownContentTypeException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of the packaged service behind HAProxy (deploy/local/instances.sh, on
 * this test's own ports, schema and key prefix), health-checked on the readiness probe. A
 * short seed 002 contention run (many fans, few seats, a line capped below the crowd)
 * goes through HAProxy; once ten payments went through, one instance gets SIGTERM: it
 * drains and exits, no request fails more than the one retry a client makes on a refused
 * connection or a 503, no seat is sold twice, the audit is clean, and the line's cap
 * holds across the instances.
 */
class LoadBalancedInstancesIT {

	static final String SCHEMA = "it_balanced_"
			+ Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);

	static final String PREFIX = "test:" + SCHEMA + ":";

	static final int FANS = 60;

	static final int MAX_ACTIVE = 20;

	static final int SEATS = 200;

	/** Seats the whole crowd goes for, as in seed 002's hot seats. */
	static final int HOT_SEATS = 10;

	/** Payments made before the SIGTERM, so it hits a sale under way. */
	static final int PAID_BEFORE_SIGTERM = 10;

	/** Payments made after the instance exited, so the others carry the sale on. */
	static final int PAID_AFTER_EXIT = 10;

	/**
	 * HAProxy (and its statistics page on the next port): apart from the ports
	 * deploy/local/instances.sh takes by default, so the test runs beside a topology.
	 */
	static final int FRONT_PORT = 5002;

	static final int API_BASE_PORT = 23792;

	static final int MANAGEMENT_BASE_PORT = 23797;

	static final ServiceJar jar = new ServiceJar(SCHEMA, PREFIX);

	static Path work;

	static Path dir;

	static Map<String, String> environment;

	@BeforeAll
	static void start() throws Exception {
		LocalDeploy.requireTools("haproxy");
		work = Files.createTempDirectory("balanced-seed");
		dir = Files.createTempDirectory("balanced-instances");
		assertThat(jar.run(Path.of("target", "balanced-it-seed.log"), Map.of(), "seed", "--concerts", "1",
				"--dates-per-concert", "1", "--seats-per-date", Integer.toString(SEATS), "--rich-users",
				Integer.toString(FANS), "--poor-users", "0", "--price", "100", "--out", work.toString()))
			.isZero();
		environment = new HashMap<>(jar.environment());
		environment.putAll(Map.of("INSTANCES", "3", "INSTANCES_FRONT_PORT", Integer.toString(FRONT_PORT),
				"INSTANCES_STATS_PORT", Integer.toString(FRONT_PORT + 1), "INSTANCES_BASE_PORT",
				Integer.toString(API_BASE_PORT), "INSTANCES_MANAGEMENT_BASE_PORT",
				Integer.toString(MANAGEMENT_BASE_PORT), "APP_JAR", ServiceJar.jar(), "JAVA", ServiceJar.java(),
				"CONCERT_QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE)));
		// Every fan comes from HAProxy's address: the per-address limits would count the
		// crowd as one.
		environment.put("CONCERT_LIMITS_ENABLED", "false");
		// Three default pools (20) would hold 60 connections of the PostgreSQL the suite
		// shares.
		environment.put("SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "5");
		System.out.println(LocalDeploy.run("instances.sh", "start", dir, environment));
	}

	@AfterAll
	static void stop() throws Exception {
		try {
			if (environment != null) {
				LocalDeploy.run("instances.sh", "stop", dir, environment);
			}
		}
		finally {
			jar.cleanUp();
			if (work != null) {
				FileSystemUtils.deleteRecursively(work);
			}
		}
	}

	@Test
	void sigtermOfOneInstanceMidContentionCostsNoRequestMoreThanARetryAndNoSeat() throws Exception {
		String concert = JsonMapper.shared()
			.readTree(work.resolve("test-concertId.json").toFile())
			.at("/concert/0/id")
			.asString();
		JsonNode users = JsonMapper.shared().readTree(work.resolve("test-userId-v2.json").toFile()).get("rich_users");
		Contention contention = new Contention(new Api(FRONT_PORT), concert);
		ProcessHandle drained = LocalDeploy.process(dir.resolve("app1.pid"));
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
				ActiveSampler sampler = new ActiveSampler(PREFIX + "queue:{" + concert + "}:active")) {
			List<Future<?>> fans = new ArrayList<>();
			for (JsonNode user : users) {
				fans.add(threads.submit(() -> contention.fan(user.get("id").asString())));
			}
			contention.await(() -> contention.paid.size() >= PAID_BEFORE_SIGTERM);
			drained.destroy(); // SIGTERM
			assertThat(drained.onExit().get(40, TimeUnit.SECONDS).isAlive()).isFalse();
			int paidBefore = contention.paid.size();
			contention.await(() -> contention.paid.size() >= paidBefore + PAID_AFTER_EXIT);
			contention.open.set(false);
			for (Future<?> fan : fans) {
				fan.get(60, TimeUnit.SECONDS);
			}
			System.out.printf("Through HAProxy: %s; most ACTIVE at once %d (max-active %d)%n", contention,
					sampler.most.get(), MAX_ACTIVE);
			System.out.println("HAProxy's log:\n" + LocalDeploy.haproxyLog(dir));
			assertThat(contention.failures).as("no request failed more than a retry").isEmpty();
			assertThat(contention.statuses.keySet()).as("no 5xx answer but a retried 503")
				.allSatisfy((status) -> assertThat(status).isLessThan(500));
			assertThat(sampler.most.get()).as("the line's cap holds across instances").isLessThanOrEqualTo(MAX_ACTIVE);
			assertThat(contention.soldOut.get()).as("the crowd met sold-out seats").isPositive();
		}
		String drainedLog = Files.readString(dir.resolve("app1.log"));
		assertThat(drainedLog).contains("Graceful shutdown complete");
		jar.assertAuditPasses(Path.of("target", "balanced-it-audit.log"),
				Map.of("CONCERT_QUEUE_MAX_ACTIVE", Integer.toString(MAX_ACTIVE)));
		assertThat(jar.paidReservations()).as("every payment answered 200 was committed").containsAll(contention.paid);
	}

	/**
	 * Seed 002's fans: join the line, wait to be admitted, list the seats, hold one of
	 * the first few still free and pay for it, leave, and start again until the end. A
	 * call whose connection failed or that was answered 503 is made once more; a second
	 * failure is counted as a failed request.
	 */
	static final class Contention {

		final Api api;

		final String concert;

		final AtomicLong calls = new AtomicLong();

		final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

		final AtomicInteger retried = new AtomicInteger();

		final List<String> failures = new CopyOnWriteArrayList<>();

		final Set<String> paid = ConcurrentHashMap.newKeySet();

		final AtomicInteger soldOut = new AtomicInteger();

		/** Cleared to end the sale: each fan stops after the call in flight. */
		final AtomicBoolean open = new AtomicBoolean(true);

		Contention(Api api, String concert) {
			this.api = api;
			this.concert = concert;
		}

		/**
		 * Waits (at most 2 minutes) for {@code condition}, saying what the fans met if in
		 * vain.
		 */
		void await(Callable<Boolean> condition) {
			try {
				Awaitility.await().atMost(Duration.ofMinutes(2)).until(condition);
			}
			catch (ConditionTimeoutException ex) {
				throw new AssertionError("The sale got stuck: " + this, ex);
			}
		}

		@Override
		public String toString() {
			return this.calls + " calls, answers by status " + this.statuses + ", " + this.retried.get()
					+ " retried once, failed twice: " + this.failures + "; " + this.paid.size() + " paid, "
					+ this.soldOut.get() + " refused a seat";
		}

		void fan(String user) {
			String line = "/api/v1/queue/concerts/" + this.concert;
			while (this.open.get()) {
				ResponseEntity<JsonNode> joined = call("join",
						() -> this.api.post(line + "/users/" + user, null, null));
				if (joined == null || joined.getStatusCode().value() != 201) {
					continue;
				}
				String token = joined.getBody().get("tokenId").asString();
				if (!admitted(line, token)) {
					return;
				}
				ResponseEntity<JsonNode> dates = call("dates",
						() -> this.api.get("/api/v1/concerts/" + this.concert + "/dates", token));
				if (dates == null || dates.getStatusCode().value() != 200) {
					continue;
				}
				long date = dates.getBody().get(0).get("concertDateId").asLong();
				ResponseEntity<JsonNode> seats = call("seats",
						() -> this.api.get("/api/v1/concerts/" + this.concert + "/dates/" + date + "/seats", token));
				if (seats == null || seats.getStatusCode().value() != 200 || seats.getBody().isEmpty()) {
					call("leave", () -> this.api.delete(line, token));
					return;
				}
				int pick = ThreadLocalRandom.current().nextInt(Math.min(HOT_SEATS, seats.getBody().size()));
				long seat = seats.getBody().get(pick).get("seatId").asLong();
				ResponseEntity<JsonNode> held = call("hold", () -> this.api.post("/api/v1/reservations/seats/" + seat,
						token, Map.of("concertId", this.concert, "concertDateId", date)));
				if (held != null && held.getStatusCode().value() == 200) {
					String reservation = held.getBody().get("reservationId").asString();
					ResponseEntity<JsonNode> payment = call("pay",
							() -> this.api.post("/api/v1/payments/" + reservation, token, null));
					if (payment != null && payment.getStatusCode().value() == 200) {
						this.paid.add(reservation);
					}
				}
				else if (held != null && held.getStatusCode().is4xxClientError()) {
					this.soldOut.incrementAndGet();
				}
				call("leave", () -> this.api.delete(line, token));
			}
		}

		/** Polls the fan's status until admitted; false when the run ends first. */
		private boolean admitted(String line, String token) {
			while (this.open.get()) {
				ResponseEntity<JsonNode> status = call("status", () -> this.api.get(line, token));
				if (status != null && status.getStatusCode().value() == 200
						&& "ACTIVE".equals(status.getBody().get("status").asString())) {
					return true;
				}
				pause();
			}
			return false;
		}

		/**
		 * The call's answer; made again once if its connection failed or it was answered
		 * 503, and null (a failed request) if the second try fails too.
		 */
		private ResponseEntity<JsonNode> call(String what, Supplier<ResponseEntity<JsonNode>> request) {
			for (int attempt = 0; attempt < 2; attempt++) {
				this.calls.incrementAndGet();
				String failure;
				try {
					ResponseEntity<JsonNode> response = request.get();
					if (response.getStatusCode().value() != 503) {
						this.statuses.merge(response.getStatusCode().value(), 1, Integer::sum);
						return response;
					}
					failure = "503";
				}
				catch (UnknownContentTypeException ex) {
					// HAProxy's own answer (an HTML page): 503 when no instance is up,
					// 502 when an instance closed the connection without an answer.
					if (ex.getStatusCode().value() != 503) {
						this.statuses.merge(ex.getStatusCode().value(), 1, Integer::sum);
						this.failures.add(what + ": HAProxy answered " + ex.getStatusCode());
						return null;
					}
					failure = "HAProxy's 503";
				}
				catch (ResourceAccessException ex) {
					failure = ex.getMessage();
				}
				if (attempt == 0) {
					this.retried.incrementAndGet();
				}
				else {
					this.failures.add(what + ": " + failure);
				}
			}
			return null;
		}

		private static void pause() {
			// A fan's polling interval, not a wait for a condition.
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * The most users the line held ACTIVE at once, read from Redis every 50 ms while the
	 * run lasts: the cap is one limit for all instances, kept by the admission script.
	 */
	static final class ActiveSampler implements AutoCloseable {

		final AtomicInteger most = new AtomicInteger();

		private final LettuceConnectionFactory redis = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379));

		private final Thread sampling;

		ActiveSampler(String key) {
			this.redis.afterPropertiesSet();
			this.redis.start();
			StringRedisTemplate template = new StringRedisTemplate(this.redis);
			this.sampling = Thread.ofVirtual().start(() -> {
				while (!Thread.currentThread().isInterrupted()) {
					// Scored by the admission's expiry: run-out admissions no longer
					// count.
					Long active = template.opsForZSet().count(key, System.currentTimeMillis() + 1, Double.MAX_VALUE);
					this.most.accumulateAndGet((active != null) ? active.intValue() : 0, Math::max);
					try {
						Thread.sleep(50);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			});
		}

		@Override
		public void close() throws InterruptedException {
			this.sampling.interrupt();
			this.sampling.join();
			this.redis.destroy();
		}

	}

}
