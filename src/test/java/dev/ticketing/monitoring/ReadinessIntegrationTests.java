package dev.ticketing.monitoring;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.support.Api;
import dev.ticketing.support.IntegrationTest;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis unreachable the instance is alive but not ready: the load balancer stops
 * sending it traffic, and Kubernetes does not restart it for an outage it cannot fix.
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
	void anUnreachableRedisMakesTheInstanceUnreadyButAlive() {
		Api management = new Api(this.managementPort);
		JsonNode readiness = management.get("/actuator/health/readiness", null).getBody();
		assertThat(management.get("/actuator/health/readiness", null).getStatusCode().value()).isEqualTo(503);
		assertThat(readiness.at("/components/redis/status").asString()).isEqualTo("DOWN");
		assertThat(readiness.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(management.get("/actuator/health/liveness", null).getStatusCode().value()).isEqualTo(200);
	}

}
