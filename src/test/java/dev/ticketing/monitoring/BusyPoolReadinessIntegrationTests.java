package dev.ticketing.monitoring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;

import dev.ticketing.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every connection of the pool is taken, as at a sale's opening, and the instance stays
 * ready: readiness checks no store, so a busy pool does not take every instance out of
 * the load balancer at once. With the database check in readiness the probe waited for a
 * pooled connection and timed out.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.datasource.hikari.maximum-pool-size=2",
		"spring.datasource.hikari.connection-timeout=10000" })
class BusyPoolReadinessIntegrationTests {

	@LocalManagementPort
	int managementPort;

	@Autowired
	HikariDataSource pool;

	@Test
	void anInstanceWhosePoolIsAllTakenStaysReady() throws Exception {
		List<Connection> taken = new ArrayList<>();
		try (HttpClient client = HttpClient.newHttpClient()) {
			for (int i = 0; i < this.pool.getMaximumPoolSize(); i++) {
				taken.add(this.pool.getConnection());
			}
			assertThat(this.pool.getHikariPoolMXBean().getIdleConnections()).isZero();
			HttpRequest probe = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(5))
				.build();
			HttpResponse<String> readiness = client.send(probe, HttpResponse.BodyHandlers.ofString());
			assertThat(readiness.statusCode()).isEqualTo(200);
		}
		finally {
			for (Connection connection : taken) {
				connection.close();
			}
		}
	}

}
