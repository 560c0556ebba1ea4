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
import dev.ticketing.support.ServiceJar;

import org.springframework.http.ResponseEntity;
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

	static final ServiceJar jar = new ServiceJar(SCHEMA, PREFIX);

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
		jar.cleanUp();
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
		jar.assertAuditPasses(Path.of("target", "graceful-shutdown-it-audit.log"), Map.of());
		assertThat(jar.paidReservations()).as("every payment answered 200 was committed").containsAll(load.paid);
	}

	private static void seed() throws Exception {
		assertThat(jar.run(Path.of("target", "graceful-shutdown-it-seed.log"), Map.of(), "seed", "--concerts", "1",
				"--dates-per-concert", "1", "--seats-per-date", "1000", "--rich-users", "40", "--poor-users", "10",
				"--price", "1000", "--out", work.toString()))
			.isZero();
	}

	private static Process start(int port, int managementPort, List<String> extra) throws IOException {
		List<String> command = jar.command();
		command.addAll(extra);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(jar.environment());
		builder.environment().put("CONCERT_QUEUE_MAX_ACTIVE", "1000");
		builder.environment().put("SERVER_PORT", Integer.toString(port));
		builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
		return builder.start();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
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
