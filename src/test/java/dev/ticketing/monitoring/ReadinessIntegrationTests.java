package dev.ticketing.monitoring;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.support.Api;
import dev.ticketing.support.IntegrationTest;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis unreachable the instance is alive and stays ready, degraded: Redis is shared
 * by every instance, so taking this one out of the load balancer would take them all out,
 * while booking on PostgreSQL alone still works for admitted users. The outage shows in
 * the health document.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.data.redis.port=1", "spring.data.redis.timeout=500ms",
		"spring.data.redis.connect-timeout=500ms",
		// The failures this test causes on purpose, each with a stack trace, only hide
		// others.
		"logging.level.org.springframework.boot.data.redis=OFF", "logging.level.dev.ticketing.monitoring=ERROR",
		"logging.level.org.springframework.boot.web.server.servlet.context=ERROR" })
class ReadinessIntegrationTests {

	@LocalManagementPort
	int managementPort;

	@Test
	void anUnreachableRedisLeavesTheInstanceReadyAndAliveAndShowsInHealth() {
		Api management = new Api(this.managementPort);
		assertThat(management.get("/actuator/health/readiness", null).getStatusCode().value()).isEqualTo(200);
		assertThat(management.get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);
		JsonNode health = management.get("/actuator/health", null).getBody();
		assertThat(health.at("/components/redis/status").asString()).isEqualTo("DOWN");
		assertThat(health.at("/components/db/status").asString()).isEqualTo("UP");
	}

}
