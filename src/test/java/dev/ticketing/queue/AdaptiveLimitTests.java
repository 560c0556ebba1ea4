package dev.ticketing.queue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The step of the adaptive limit, alone: latency against the target, failures, and the
 * bounds.
 */
class AdaptiveLimitTests {

	static final QueueProperties.Adaptive SETTINGS = new QueueProperties.Adaptive(Duration.ofMillis(100),
			Duration.ofSeconds(5), 0.01, 0.9);

	static final Health FAST = new Health(20, 500, 0, 0);

	static final Health SLOW = new Health(400, 500, 0, 0);

	@Test
	void aFastPathWithUsersWaitingRaisesTheLimitToMaxActiveAndNeverAbove() {
		double limit = 10;
		for (int i = 0; i < 30; i++) {
			limit = AdaptiveLimit.next(limit, List.of(FAST), true, 10, 50, SETTINGS);
			assertThat(limit).isLessThanOrEqualTo(50);
		}
		assertThat(limit).isEqualTo(50);
	}

	@Test
	void aSlowPathMakesTheLimitFallToMinActiveAndNeverBelow() {
		double limit = 50;
		for (int i = 0; i < 30; i++) {
			limit = AdaptiveLimit.next(limit, List.of(SLOW), true, 10, 50, SETTINGS);
			assertThat(limit).isGreaterThanOrEqualTo(10);
		}
		assertThat(limit).isEqualTo(10);
	}

	@Test
	void aPathOverItsTargetScalesTheLimitDownByTheGradientAndNeverGrowsIt() {
		assertThat(AdaptiveLimit.next(60, List.of(new Health(150, 500, 0, 0)), true, 2, 100, SETTINGS)).isEqualTo(40);
		assertThat(AdaptiveLimit.next(60, List.of(new Health(10_000, 500, 0, 0)), true, 2, 100, SETTINGS))
			.as("at most halved")
			.isEqualTo(30);
	}

	@Test
	void aPathWithinItsTargetGrowsTheLimitByItsSquareRoot() {
		assertThat(AdaptiveLimit.next(16, List.of(FAST), true, 2, 100, SETTINGS)).isEqualTo(20);
	}

	@Test
	void failuresOrConnectionTimeoutsBackOffWhateverTheLatency() {
		assertThat(AdaptiveLimit.next(40, List.of(new Health(5, 100, 5, 0)), true, 10, 50, SETTINGS)).isEqualTo(36);
		assertThat(AdaptiveLimit.next(40, List.of(new Health(5, 100, 0, 1)), true, 10, 50, SETTINGS)).isEqualTo(36);
	}

	@Test
	void withoutWaitingUsersOrWithoutCallsTheLimitDoesNotGrow() {
		assertThat(AdaptiveLimit.next(20, List.of(FAST), false, 10, 50, SETTINGS)).isEqualTo(20);
		assertThat(AdaptiveLimit.next(20, List.of(), true, 10, 50, SETTINGS)).isEqualTo(20);
	}

	@Test
	void theSlowestInstanceSpeaksForTheLine() {
		assertThat(AdaptiveLimit.next(50, List.of(FAST, SLOW), true, 10, 50, SETTINGS))
			.isLessThan(AdaptiveLimit.next(50, List.of(FAST), true, 10, 50, SETTINGS));
	}

	@Test
	void aMaxActiveBelowTheLimitCapsIt() {
		assertThat(AdaptiveLimit.next(50, List.of(FAST), true, 10, 30, SETTINGS)).isEqualTo(30);
		assertThat(AdaptiveLimit.clamp(12, 20, 8)).as("a max-active below min-active wins").isEqualTo(8);
	}

}
