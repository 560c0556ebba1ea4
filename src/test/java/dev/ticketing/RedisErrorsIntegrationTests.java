package dev.ticketing;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis answers with an error instead of going away (out of memory under
 * {@code noeviction}, READONLY after a failover, BUSY with a long script), on a private
 * redis-server of this test's own: every queue call that cannot be done is refused with
 * 503 {@code STORE_UNAVAILABLE} and a {@code Retry-After}, never a 500, and the queue
 * works again once Redis does.
 */
class RedisErrorsIntegrationTests {

	static PrivateRedis redis;

	static Instances instances;

	static ConfigurableApplicationContext service;

	static ConcertId concert;

	@BeforeAll
	static void start() throws Exception {
		redis = PrivateRedis.start("--busy-reply-threshold", "100");
		instances = new Instances("rediserr");
		service = instances.start("--spring.data.redis.port=" + redis.port(), "--concert.queue.admission-recheck=0",
				"--logging.level.dev.ticketing=ERROR");
		concert = service.getBean(ConcertService.class)
			.addConcert("Errors", "Hall", List.of(Instant.now().plus(Duration.ofDays(3))), 10, Points.of(100));
	}

	@AfterAll
	static void stop() {
		if (instances != null) {
			instances.close();
		}
		redis.close();
	}

	@AfterEach
	void redisWorksAgain() throws Exception {
		cli("SCRIPT", "KILL");
		cli("REPLICAOF", "NO", "ONE");
		cli("CONFIG", "SET", "maxmemory", "0");
		Api api = api();
		UserId user = newUser();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> api.post(issuePath(user), null, null).getStatusCode().value() == 201);
	}

	@Test
	void redisOutOfMemoryUnderNoevictionGives503WithRetryAfter() throws Exception {
		String token = joined();
		cli("CONFIG", "SET", "maxmemory-policy", "noeviction");
		cli("CONFIG", "SET", "maxmemory", "1");
		assertEveryQueueCallIsRefusedAsUnavailable(token);
	}

	@Test
	void redisTurnedReadOnlyReplicaGives503WithRetryAfter() throws Exception {
		String token = joined();
		// A replica of a master that does not exist refuses every write, as a former
		// master does right after a failover.
		cli("REPLICAOF", "127.0.0.1", Integer.toString(freePort()));
		assertEveryQueueCallIsRefusedAsUnavailable(token);
	}

	@Test
	void redisBusyWithALongScriptGives503WithRetryAfter() throws Exception {
		String token = joined();
		Process busy = new ProcessBuilder("redis-cli", "-p", Integer.toString(redis.port()), "EVAL",
				"local i = 0 while true do i = i + 1 end", "0")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> cliOutput("PING").contains("BUSY"));
			assertEveryQueueCallIsRefusedAsUnavailable(token);
		}
		finally {
			cli("SCRIPT", "KILL");
			busy.waitFor();
		}
	}

	private void assertEveryQueueCallIsRefusedAsUnavailable(String token) {
		Api api = api();
		String queue = "/api/v1/queue/concerts/" + concert;
		// Joining the line writes to Redis, which none of these allow.
		assertUnavailable(api.post(issuePath(newUser()), null, null));
		// An admitted user's status is a read and leaving only deletes, which Redis
		// still allows when it is out of memory: those may be answered.
		assertAnsweredOrUnavailable(api.get(queue, token), 200);
		assertAnsweredOrUnavailable(api.delete(queue, token), 204);
	}

	private static void assertAnsweredOrUnavailable(ResponseEntity<JsonNode> response, int answered) {
		if (response.getStatusCode().value() != answered) {
			assertUnavailable(response);
		}
	}

	private static void assertUnavailable(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(503);
		assertThat(response.getBody().get("code").asString()).isEqualTo("STORE_UNAVAILABLE");
		assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("1");
	}

	private static String joined() {
		return api().token(concert, newUser());
	}

	private static UserId newUser() {
		return service.getBean(PointService.class).register(Points.ZERO);
	}

	private static String issuePath(UserId user) {
		return "/api/v1/queue/concerts/" + concert + "/users/" + user;
	}

	private static Api api() {
		return Instances.api(service);
	}

	private static void cli(String... command) {
		redis.cli(command);
	}

	private static String cliOutput(String... command) {
		return redis.cli(command);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
