package dev.ticketing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.support.Api;
import dev.ticketing.support.IsolatedStores;
import dev.ticketing.support.TestIssuer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM during load, against the packaged jar in prod mode (its own PostgreSQL schema
 * and Redis prefix): requests in flight finish, the status stream ends cleanly rather
 * than holding the shutdown, the process exits within the drain timeout, and the database
 * shows no half-done hold or payment. Runs after {@code package} (failsafe), which passes
 * the jar's path in {@code app.jar}.
 */
class GracefulShutdownIT {

	static final String SCHEMA = "it_shutdown_"
			+ Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);

	static final String PREFIX = "test:" + SCHEMA + ":";

	static final int WORKERS = 32;

	static final int POOR_WORKERS = 6;

	static Path work;

	static Process app;

	static Path log;

	@BeforeAll
	static void createWorkDirectory() throws IOException {
		work = Files.createTempDirectory("graceful-shutdown");
		log = Path.of("target", "graceful-shutdown-it.log");
	}

	@AfterAll
	static void cleanUp() {
		if (app != null && app.isAlive()) {
			app.destroyForcibly();
		}
		try (SingleConnectionDataSource ds = postgres()) {
			new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		}
		LettuceConnectionFactory redis = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379));
		redis.afterPropertiesSet();
		redis.start();
		try {
			StringRedisTemplate template = new StringRedisTemplate(redis);
			Set<String> keys = template.keys(PREFIX + "*");
			if (keys != null && !keys.isEmpty()) {
				template.delete(keys);
			}
		}
		finally {
			redis.destroy();
		}
	}

	@Test
	void sigtermDuringLoadFinishesRequestsInFlightClosesStreamsAndLeavesNoHalfDonePayment() throws Exception {
		int port = freePort();
		int managementPort = freePort();
		seed();
		app = start(port, managementPort, List.of());
		Api management = new Api(managementPort);
		await().atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> management.get("/actuator/health/readiness", null).getStatusCode().value() == 200);

		JsonNode ids = JsonMapper.shared().readTree(work.resolve("test-userId-v2.json").toFile());
		String concert = JsonMapper.shared()
			.readTree(work.resolve("test-concertId.json").toFile())
			.at("/concert/0/id")
			.asString();
		Api api = new Api(port);
		String firstToken = api.token(concert, ids.at("/rich_users/0/id").asString());
		long date = api.get("/api/v1/concerts/" + concert + "/dates", firstToken)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();

		Load load = new Load(api, concert, date);
		CompletableFuture<StreamEnd> stream = openStream(port, concert, ids.at("/poor_users/0/id").asString(), api);
		List<Future<?>> workers = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < WORKERS; i++) {
				boolean poor = i < POOR_WORKERS;
				String user = ids.at((poor ? "/poor_users/" : "/rich_users/") + (i + 1) + "/id").asString();
				workers.add(threads.submit(() -> load.run(user, poor)));
			}
			await().atMost(Duration.ofSeconds(60)).until(() -> load.paid.size() >= 30 && load.refused.get() >= 3);

			long signalled = System.nanoTime();
			app.destroy(); // SIGTERM
			assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("the process exits").isTrue();
			Duration shutdown = Duration.ofNanos(System.nanoTime() - signalled);

			for (Future<?> worker : workers) {
				worker.get(60, TimeUnit.SECONDS);
			}
			StreamEnd end = stream.get(10, TimeUnit.SECONDS);
			String output = Files.readString(log);

			assertThat(shutdown).as("no open stream or request held the drain to its 20 s timeout")
				.isLessThan(Duration.ofSeconds(20));
			assertThat(output).contains("Graceful shutdown complete").doesNotContain("Graceful shutdown aborted");
			assertThat(end.statusEvents()).as("the stream was live before the shutdown").isPositive();
			assertThat(end.failure()).as("the stream ended cleanly").isNull();
			assertThat(load.serverErrors).as("no request in flight failed with a 5xx").isEmpty();
		}
		assertConsistent(load);
	}

	/**
	 * What the stores must show, whatever moment the SIGTERM hit: the service's own
	 * integrity audit passes, run as the load tests run it (the jar's {@code audit}
	 * command, against the same schema and queue), and every payment answered 200 was
	 * committed.
	 */
	private static void assertConsistent(Load load) throws Exception {
		Path report = Path.of("target", "graceful-shutdown-it-audit.log");
		ProcessBuilder builder = new ProcessBuilder(command("audit")).redirectErrorStream(true)
			.redirectOutput(report.toFile());
		builder.environment().putAll(env(0, 0));
		Process audit = builder.start();
		assertThat(audit.waitFor(120, TimeUnit.SECONDS)).as("the audit command finishes").isTrue();
		assertThat(audit.exitValue()).as(Files.readString(report)).isZero();
		assertThat(Files.readString(report)).contains("AUDIT PASSED");
		try (SingleConnectionDataSource ds = postgres()) {
			List<String> committed = new JdbcTemplate(ds).queryForList("SELECT reservation_id::text FROM payment",
					String.class);
			assertThat(committed).as("every payment answered 200 was committed").containsAll(load.paid);
		}
	}

	private static void seed() throws Exception {
		ProcessBuilder builder = new ProcessBuilder(
				command("seed", "--concerts", "1", "--dates-per-concert", "1", "--seats-per-date", "1000",
						"--rich-users", "40", "--poor-users", "10", "--price", "1000", "--out", work.toString()))
			.redirectErrorStream(true)
			.redirectOutput(Path.of("target", "graceful-shutdown-it-seed.log").toFile());
		builder.environment().putAll(env(0, 0));
		Process seed = builder.start();
		assertThat(seed.waitFor(120, TimeUnit.SECONDS)).as("the seed command finishes").isTrue();
		assertThat(seed.exitValue()).isZero();
	}

	private static Process start(int port, int managementPort, List<String> extra) throws IOException {
		List<String> command = command();
		command.addAll(extra);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(env(port, managementPort));
		return builder.start();
	}

	private static List<String> command(String... args) {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", jar()));
		command.addAll(List.of(args));
		return command;
	}

	private static Map<String, String> env(int port, int managementPort) {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_PROFILES_ACTIVE", "prod");
		env.put("SPRING_DATASOURCE_URL",
				IsolatedStores.POSTGRES + "?currentSchema=" + SCHEMA + "&reWriteBatchedInserts=true");
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("SPRING_FLYWAY_SCHEMAS", SCHEMA);
		env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
		env.put("CONCERT_QUEUE_KEY_PREFIX", PREFIX);
		env.put("CONCERT_QUEUE_TOKEN_SECRET", IsolatedStores.QUEUE_TOKEN_SECRET);
		env.put("CONCERT_CHALLENGE_HMAC_KEY", IsolatedStores.CHALLENGE_HMAC_KEY);
		env.put("CONCERT_TICKETS_PRIVATE_KEY", IsolatedStores.TICKET_PRIVATE_KEY);
		env.put("CONCERT_TICKETS_PUBLIC_KEY", IsolatedStores.TICKET_PUBLIC_KEY);
		env.put("CONCERT_QUEUE_MAX_ACTIVE", "1000");
		env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", TestIssuer.ISSUER);
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
		return env;
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElseThrow();
	}

	private static String jar() {
		String jar = System.getProperty("app.jar");
		assertThat(jar).as("app.jar, set by the failsafe plugin").isNotNull();
		assertThat(Path.of(jar)).exists();
		return jar;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static SingleConnectionDataSource postgres() {
		return new SingleConnectionDataSource(IsolatedStores.POSTGRES + "?currentSchema=" + SCHEMA, "postgres", "",
				true);
	}

	/**
	 * Reads a status stream until it ends; {@code failure} is set if it broke off rather
	 * than ending.
	 */
	private static CompletableFuture<StreamEnd> openStream(int port, String concert, String user, Api api) {
		String token = api.token(concert, user);
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/queue/concerts/" + concert + "/stream"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.build();
		AtomicInteger events = new AtomicInteger();
		CompletableFuture<StreamEnd> end = http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
			.thenApplyAsync((response) -> {
				try (Stream<String> lines = response.body()) {
					lines.filter((line) -> line.startsWith("event:status")).forEach((line) -> events.incrementAndGet());
					return new StreamEnd(events.get(), null);
				}
				catch (RuntimeException ex) {
					return new StreamEnd(events.get(), ex);
				}
			})
			.exceptionally((ex) -> new StreamEnd(events.get(), ex));
		await().atMost(Duration.ofSeconds(10)).until(() -> events.get() > 0);
		return end;
	}

	record StreamEnd(int statusEvents, Throwable failure) {
	}

	/**
	 * Booking clients: rich ones hold a seat and pay for it, poor ones hold, are refused
	 * payment and cancel. Each stops when the service stops taking connections.
	 */
	static final class Load {

		final Api api;

		final String concert;

		final long date;

		final Set<String> paid = ConcurrentHashMap.newKeySet();

		final AtomicInteger refused = new AtomicInteger();

		final List<String> serverErrors = new java.util.concurrent.CopyOnWriteArrayList<>();

		Load(Api api, String concert, long date) {
			this.api = api;
			this.concert = concert;
			this.date = date;
		}

		void run(String user, boolean poor) {
			try {
				while (true) {
					book(user, poor);
				}
			}
			catch (RestClientException ex) {
				// Connection refused or closed: the service has stopped taking requests.
			}
		}

		private void book(String user, boolean poor) {
			String token = check(this.api.post("/api/v1/queue/concerts/" + this.concert + "/users/" + user, null, null))
				.getBody()
				.get("tokenId")
				.asString();
			JsonNode seats = check(
					this.api.get("/api/v1/concerts/" + this.concert + "/dates/" + this.date + "/seats", token))
				.getBody();
			if (seats == null || !seats.isArray() || seats.isEmpty()) {
				return;
			}
			long seat = seats.get(ThreadLocalRandom.current().nextInt(seats.size())).get("seatId").asLong();
			ResponseEntity<JsonNode> hold = check(this.api.post("/api/v1/reservations/seats/" + seat, token,
					Map.of("concertId", this.concert, "concertDateId", this.date)));
			if (hold.getStatusCode().value() != 200) {
				return;
			}
			String reservation = hold.getBody().get("reservationId").asString();
			ResponseEntity<JsonNode> payment = check(this.api.post("/api/v1/payments/" + reservation, token, null));
			if (payment.getStatusCode().value() == 200) {
				this.paid.add(reservation);
			}
			else if (poor && payment.getStatusCode().value() == 409) {
				this.refused.incrementAndGet();
				check(this.api.delete("/api/v1/reservations/" + reservation, token));
			}
		}

		private ResponseEntity<JsonNode> check(ResponseEntity<JsonNode> response) {
			if (response.getStatusCode().is5xxServerError()) {
				this.serverErrors.add(response.getStatusCode() + " " + response.getBody());
			}
			return response;
		}

	}

}
