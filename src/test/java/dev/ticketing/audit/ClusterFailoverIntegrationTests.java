package dev.ticketing.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.support.FailoverSale;
import dev.ticketing.support.Instances;

import org.springframework.context.ConfigurableApplicationContext;

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
		service = instances.start(FailoverSale.serviceArguments(
				"--spring.data.redis.cluster.nodes=" + String.join(",", nodes), "--logging.level.io.lettuce=OFF"));
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
		FailoverSale sale = FailoverSale.of(service);
		sale.run(() -> {
			try {
				int port = masterOf(instances.prefix() + "queue:{" + sale.concert() + "}:waiting");
				long pid = Long
					.parseLong(Files.readString(dir.resolve(Integer.toString(port)).resolve("redis.pid")).trim());
				ProcessHandle.of(pid).orElseThrow().destroyForcibly();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		System.out.println("Failover sale: " + sale);
		sale.assertOnlyRetryable503sEndingWithin(RECOVERY);
		assertThat(sale.joinedAfterRecovery.get()).as("fans join after the switch").isPositive();
		assertThat(sale.heldAfterRecovery.get()).as("fans hold after the switch").isPositive();
		assertThat(sale.holds.get()).isPositive();
		assertThat(sale.paid).isNotEmpty();

		Audits.assertPasses(service);
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
