package dev.ticketing.limits;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded mode limits with the same buckets as prod, in its own Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "concert.demo-data=false", "concert.limits.redis-timeout=30s",
				"concert.limits.charge.per-user=2/1h",
				"spring.datasource.url=jdbc:h2:mem:limits-embedded;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
class LimitsEmbeddedModeTests {

	@LocalServerPort
	int port;

	/** Signed in by the test's provider instead of the embedded one, as in prod. */
	@DynamicPropertySource
	static void signIn(DynamicPropertyRegistry properties) {
		properties.add("concert.security.embedded.enabled", () -> "false");
		properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestIssuer.ISSUER);
	}

	@Autowired
	BucketStore store;

	@Autowired
	PointService points;

	@Test
	void chargesPastTheLimitAreRefusedFromBucketsInTheEmbeddedRedis() {
		assertThat(this.store).isInstanceOf(RedisBucketStore.class);
		Api api = new Api(this.port);
		UserId user = this.points.register(Points.ZERO);
		String path = "/api/v1/users/" + user + "/points/charge";
		assertThat(api.post(path, null, Map.of("amount", 10)).getStatusCode().value()).isEqualTo(200);
		assertThat(api.post(path, null, Map.of("amount", 10)).getStatusCode().value()).isEqualTo(200);

		RateLimitsIntegrationTests.assertRateLimited(api.post(path, null, Map.of("amount", 10)), 1800);
		assertThat(this.points.balance(user)).isEqualTo(Points.of(20));
	}

}
