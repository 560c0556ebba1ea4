package dev.ticketing.limits;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.Instances;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances on one Redis share every limit: a user limited through one is limited
 * through the other, and requests spread over both get the limit, not twice it. Neither
 * is exact to the request: each instance hands out its part alone (here 2 of 20) and may
 * hand out a share of the rest (at most 2) before it settles with Redis.
 */
class RateLimitsTwoInstancesIntegrationTests {

	static final Instances instances = new Instances("limits_two");

	static final int LIMIT = 20;

	/**
	 * What one instance hands out alone, and at most what it hands out of the rest before
	 * it settles with Redis (local-share 0.1).
	 */
	static final int LOCAL = 2;

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances() {
		first = start();
		second = start();
	}

	@AfterAll
	static void stop() {
		instances.close();
	}

	@Test
	void aTokenThatUsedItsLimitThroughOneInstanceGetsAtMostThatInstancesUnsettledShareThroughTheOther() {
		ConcertId concert = concert();
		String token = api(first).token(concert, user());
		int passed = 0;
		while (status(first, concert, token) == 200) {
			passed++;
			assertThat(passed).as("one instance alone keeps to the limit").isLessThanOrEqualTo(LIMIT);
		}
		assertThat(passed).isEqualTo(LIMIT);

		int throughSecond = 0;
		while (status(second, concert, token) == 200) {
			throughSecond++;
			assertThat(throughSecond).as("its part alone, and what the first had not settled")
				.isLessThanOrEqualTo(2 * LOCAL);
		}
		assertThat(status(second, concert, token)).isEqualTo(429);
	}

	@Test
	void pollsSpreadOverBothInstancesGetTheLimitOnceNotOncePerInstance() {
		ConcertId concert = concert();
		String token = api(first).token(concert, user());
		int passed = 0;
		for (int i = 0; i < 4 * LIMIT; i++) {
			if (status((i % 2 == 0) ? first : second, concert, token) == 200) {
				passed++;
			}
		}
		assertThat(passed)
			.as("at least the limit, at most the second's part alone and what each hands out before settling on top")
			.isBetween(LIMIT, LIMIT + 3 * LOCAL);
	}

	private static int status(ConfigurableApplicationContext instance, ConcertId concert, String token) {
		return api(instance).get("/api/v1/queue/concerts/" + concert, token).getStatusCode().value();
	}

	private static ConcertId concert() {
		return BoxOffice.of(first).concert("Limits", Duration.ofDays(2), 1, Points.of(1));
	}

	private static UserId user() {
		return BoxOffice.of(first).fan(Points.ZERO);
	}

	private static Api api(ConfigurableApplicationContext instance) {
		return Instances.api(instance);
	}

	private static ConfigurableApplicationContext start() {
		return instances.start("--concert.limits.status.per-user=" + LIMIT + "/1h", "--concert.limits.local-share=0.1",
				"--concert.limits.redis-timeout=30s");
	}

}
