package dev.ticketing.limits;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default limits against the clients they must never refuse: the web app and the load
 * tests. Time is the test's, so an hour of clicks takes no time.
 */
class LimitsPropertiesTests {

	private static final LimitsProperties DEFAULTS = new LimitsProperties(true, true, 0.25, Duration.ofSeconds(10),
			Duration.ofMillis(250), 50000, null, null, null, null, null, null);

	private final AtomicLong now = new AtomicLong();

	@Test
	void aPageRefreshingItsSeatMapTwiceASecondForAnHourIsNeverRefused() {
		Bucket browse = bucket(DEFAULTS.browse().perUser());
		for (int i = 0; i < 7200; i++) {
			assertThat(browse.tryConsume(1)).as("refresh %d", i).isTrue();
			this.now.addAndGet(Duration.ofMillis(500).toNanos());
		}
	}

	@Test
	void aClientBrowsingTwicePerHoldAttemptMeetsTheHoldLimitFirst() {
		Bucket browse = bucket(DEFAULTS.browse().perUser());
		Bucket hold = bucket(DEFAULTS.hold().perUser());
		int attempts = 0;
		while (hold.tryConsume(1) && attempts < 100_000) {
			assertThat(browse.tryConsume(2)).as("browsing before attempt %d", attempts).isTrue();
			attempts++;
			this.now.addAndGet(Duration.ofMillis(10).toNanos());
		}
		assertThat(attempts).as("the hold limit ends the loop").isLessThan(100_000);
	}

	private Bucket bucket(Rate rate) {
		return Bucket.builder().withCustomTimePrecision(new TimeMeter() {
			@Override
			public long currentTimeNanos() {
				return LimitsPropertiesTests.this.now.get();
			}

			@Override
			public boolean isWallClockBased() {
				return false;
			}
		}).addLimit(rate.bandwidth()).build();
	}

}
