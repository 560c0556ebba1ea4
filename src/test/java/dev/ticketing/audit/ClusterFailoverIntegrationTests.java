package dev.ticketing.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.SlotHash;
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
import dev.ticketing.queue.QueueCensus;
import dev.ticketing.support.Api;
import dev.ticketing.support.Instances;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The master that owns the concert's slot is killed (SIGKILL) in the middle of a sale, on
 * a Redis Cluster of this test's own (three masters, three replicas on ports 7100-7105,
 * started with deploy/local/redis-cluster.sh and stopped after): no answer is a 500, an
 * answer during the switch is a 503 with Retry-After, fans join and hold again within 15
 * s of the kill, and the audit finds no seat held or sold twice and every balance equal
 * to its ledger. The test prints how many answers each status got.
 */
class ClusterFailoverIntegrationTests {

	static final int BASE_PORT = 7100;

	static final int FANS = 12;

	static final int SEATS = 3000;

	static final Duration BEFORE_KILL = Duration.ofSeconds(5);

	static final Duration AFTER_KILL = Duration.ofSeconds(20);

	static final Duration RECOVERY = Duration.ofSeconds(15);

	static Path dir;

	static Instances instances;

	static ConfigurableApplicationContext service;

	@BeforeAll
	static void start() throws Exception {
		dir = Files.createTempDirectory("failover-cluster");
		cluster("start");
		List<String> nodes = IntStream.range(BASE_PORT, BASE_PORT + 6).mapToObj((p) -> "127.0.0.1:" + p).toList();
		instances = new Instances("failover");
		service = instances.start("--spring.data.redis.cluster.nodes=" + String.join(",", nodes),
				"--concert.queue.max-active=1000", "--concert.queue.admission-recheck=0",
				"--concert.reservation.claim-recheck=0", "--concert.limits.enabled=false",
				"--logging.level.dev.ticketing=ERROR", "--logging.level.io.lettuce=OFF");
	}

	@AfterAll
	static void stop() throws Exception {
		try {
			if (instances != null) {
				instances.close();
			}
		}
		finally {
			cluster("stop");
		}
	}

	@Test
	void killingTheConcertsMasterMidSaleCostsSecondsOf503AndNeitherASeatNorAPoint() throws Exception {
		ConcertService concerts = service.getBean(ConcertService.class);
		PointService points = service.getBean(PointService.class);
		ConcertId concert = concerts.addConcert("Failover", "Hall", List.of(Instant.now().plus(Duration.ofDays(7))),
				SEATS, Points.of(1));
		ConcertDateId date = concerts.dates(concert).getFirst().id();
		List<Long> seats = concerts.availableSeats(concert, date).stream().map((s) -> s.id().value()).toList();
		List<UserId> fans = IntStream.range(0, FANS).mapToObj((i) -> points.register(Points.of(10_000))).toList();
		Api api = Instances.api(service);

		Sale sale = new Sale(api, concert, date);
		long started = System.nanoTime();
		long killAt = started + BEFORE_KILL.toNanos();
		long endAt = killAt + AFTER_KILL.toNanos();
		try (ExecutorService threads = Executors.newFixedThreadPool(FANS)) {
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < FANS; i++) {
				UserId fan = fans.get(i);
				List<Long> own = IntStream.range(0, SEATS)
					.filter((s) -> s % FANS == fans.indexOf(fan))
					.mapToObj(seats::get)
					.toList();
				running.add(threads.submit(() -> sale.buy(fan, own, endAt)));
			}
			TimeUnit.NANOSECONDS.sleep(killAt - System.nanoTime());
			int port = masterOf(instances.prefix() + "queue:{" + concert + "}:waiting");
			long pid = Long
				.parseLong(Files.readString(dir.resolve(Integer.toString(port)).resolve("redis.pid")).trim());
			ProcessHandle master = ProcessHandle.of(pid).orElseThrow();
			sale.killedAt.set(System.nanoTime());
			master.destroyForcibly();
			for (Future<?> fan : running) {
				fan.get(AFTER_KILL.toSeconds() + 30, TimeUnit.SECONDS);
			}
		}

		System.out.println("Answers by status during the failover sale: " + new TreeMap<>(sale.statuses));
		System.out.printf("Last 5xx %.1f s after the kill; joins %d, holds %d, payments %d%n",
				(sale.lastFailure.get() - sale.killedAt.get()) / 1e9, sale.joins.get(), sale.holds.get(),
				sale.payments.get());
		assertThat(sale.statuses).as("no 500, nor any 5xx but 503").allSatisfy((status, count) -> {
			assertThat(status < 500 || status == 503).as("status %d", status).isTrue();
		});
		assertThat(sale.withoutRetryAfter.get()).as("every 503 says when to retry").isZero();
		assertThat(sale.lastFailure.get() - sale.killedAt.get()).as("503s end within 15 s of the kill")
			.isLessThan(RECOVERY.toNanos());
		assertThat(sale.joinedAfterRecovery.get()).as("fans join after the switch").isPositive();
		assertThat(sale.heldAfterRecovery.get()).as("fans hold after the switch").isPositive();
		assertThat(sale.holds.get()).isPositive();

		List<IntegrityAudit.Finding> findings = new IntegrityAudit(service.getBean(JdbcClient.class),
				service.getBean(QueueCensus.class), Clock.systemUTC())
			.run();
		AuditCommand.print(findings, System.out);
		assertThat(findings).allSatisfy((finding) -> assertThat(finding.passed()).as(finding.check()).isTrue());
	}

	/** What the fans did and were answered, counted across their threads. */
	static final class Sale {

		final Api api;

		final ConcertId concert;

		final ConcertDateId date;

		final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();

		final AtomicInteger withoutRetryAfter = new AtomicInteger();

		final AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);

		final AtomicLong lastFailure = new AtomicLong(Long.MIN_VALUE);

		final AtomicInteger joins = new AtomicInteger();

		final AtomicInteger holds = new AtomicInteger();

		final AtomicInteger payments = new AtomicInteger();

		final AtomicInteger joinedAfterRecovery = new AtomicInteger();

		final AtomicInteger heldAfterRecovery = new AtomicInteger();

		Sale(Api api, ConcertId concert, ConcertDateId date) {
			this.api = api;
			this.concert = concert;
			this.date = date;
		}

		/**
		 * A fan joins, holds the next of their seats and pays, again and again until
		 * {@code endAt}; a seat refused for any reason but the store is passed over.
		 */
		void buy(UserId fan, List<Long> seats, long endAt) {
			int next = 0;
			while (System.nanoTime() < endAt && next < seats.size()) {
				long asked = System.nanoTime();
				ResponseEntity<JsonNode> joined = answer(
						this.api.post("/api/v1/queue/concerts/" + this.concert + "/users/" + fan, null, null));
				if (!joined.getStatusCode().is2xxSuccessful()) {
					pause();
					continue;
				}
				this.joins.incrementAndGet();
				if (asked > this.lastFailure.get() && asked > this.killedAt.get()) {
					this.joinedAfterRecovery.incrementAndGet();
				}
				String token = joined.getBody().get("tokenId").asString();
				asked = System.nanoTime();
				ResponseEntity<JsonNode> held = answer(this.api.post("/api/v1/reservations/seats/" + seats.get(next),
						token, Map.of("concertId", this.concert.toString(), "concertDateId", this.date.value())));
				if (held.getStatusCode().value() == 503) {
					pause();
					continue;
				}
				next++;
				if (!held.getStatusCode().is2xxSuccessful()) {
					continue;
				}
				this.holds.incrementAndGet();
				if (asked > this.lastFailure.get() && asked > this.killedAt.get()) {
					this.heldAfterRecovery.incrementAndGet();
				}
				String reservation = held.getBody().get("reservationId").asString();
				for (int tries = 0; tries < 50
						&& System.nanoTime() < endAt + Duration.ofSeconds(20).toNanos(); tries++) {
					int paid = answer(this.api.post("/api/v1/payments/" + reservation, token, null)).getStatusCode()
						.value();
					if (paid != 503) {
						if (paid / 100 == 2) {
							this.payments.incrementAndGet();
						}
						break;
					}
					pause();
				}
			}
		}

		private ResponseEntity<JsonNode> answer(ResponseEntity<JsonNode> response) {
			int status = response.getStatusCode().value();
			this.statuses.merge(status, 1, Integer::sum);
			if (status >= 500) {
				this.lastFailure.accumulateAndGet(System.nanoTime(), Math::max);
				if (response.getHeaders().getFirst("Retry-After") == null) {
					this.withoutRetryAfter.incrementAndGet();
				}
			}
			return response;
		}

		private static void pause() {
			// Pacing of a fan who was told to retry, not a wait for a condition.
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** The port of the live master serving {@code key}'s slot, from CLUSTER NODES. */
	static int masterOf(String key) throws Exception {
		int slot = SlotHash.getSlot(key);
		for (String line : redisCli(BASE_PORT + 3, "cluster", "nodes").split("\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
				continue;
			}
			for (int i = 8; i < fields.length; i++) {
				String[] range = fields[i].split("-");
				if (range[0].startsWith("[")) {
					continue;
				}
				int from = Integer.parseInt(range[0]);
				int to = Integer.parseInt(range[range.length - 1]);
				if (from <= slot && slot <= to) {
					return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
				}
			}
		}
		throw new IllegalStateException("no master serves slot " + slot);
	}

	private static String redisCli(int port, String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
		line.addAll(List.of(command));
		Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		return out;
	}

	private static void cluster(String command) throws IOException, InterruptedException {
		ProcessBuilder script = new ProcessBuilder("bash", "deploy/local/redis-cluster.sh", command, dir.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		script.environment().put("REDIS_CLUSTER_BASE_PORT", Integer.toString(BASE_PORT));
		Process process = script.start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("redis-cluster.sh " + command + " did not finish in 60 s");
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException("redis-cluster.sh " + command + " failed: " + process.exitValue());
		}
	}

}
