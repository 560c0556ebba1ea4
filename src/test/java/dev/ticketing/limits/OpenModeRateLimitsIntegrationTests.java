package dev.ticketing.limits;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static dev.ticketing.limits.RateLimitsIntegrationTests.assertRateLimited;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the {@code open} mode path user ids are believed, so the per-user limits are the
 * path's user's: nobody signs in, and an access token sent anyway names no one.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.security.mode=open", "concert.limits.redis-timeout=30s",
		"concert.limits.charge.per-user=2/1h", "concert.limits.charge.per-address=off" })
class OpenModeRateLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	PointService points;

	@Test
	void chargesAreLimitedPerPathUserWhateverTokenComesWithThem() {
		UserId alice = this.boxOffice.fan(Points.ZERO);
		UserId bob = this.boxOffice.fan(Points.ZERO);
		Api anonymous = new Api(this.port).anonymous();
		assertThat(anonymous.post(chargePath(alice), null, Map.of("amount", 10)).getStatusCode().value())
			.isEqualTo(200);
		assertThat(new Api(this.port).signedInWith(TestIssuer.tokenFor(bob.value()))
			.post(chargePath(alice), null, Map.of("amount", 10))
			.getStatusCode()
			.value()).isEqualTo(200);

		assertRateLimited(anonymous.post(chargePath(alice), null, Map.of("amount", 10)), 1800);
		assertThat(anonymous.post(chargePath(bob), null, Map.of("amount", 10)).getStatusCode().value())
			.as("another path user has a budget of their own")
			.isEqualTo(200);
		assertThat(this.points.balance(alice)).isEqualTo(Points.of(20));
	}

	private static String chargePath(UserId user) {
		return "/api/v1/users/" + user + "/points/charge";
	}

}
