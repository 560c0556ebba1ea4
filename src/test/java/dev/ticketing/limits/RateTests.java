package dev.ticketing.limits;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateTests {

	@Test
	void readsRequestsPerPeriodAndOff() {
		assertThat(Rate.of("60/2s")).isEqualTo(new Rate(60, Duration.ofSeconds(2)));
		assertThat(Rate.of(" 600 / 1m ")).isEqualTo(new Rate(600, Duration.ofMinutes(1)));
		assertThat(Rate.of("off").isOff()).isTrue();
		assertThat(Rate.of("0").isOff()).isTrue();
	}

	@Test
	void splitsIntoAPartRoundedDownAndTheRestThatAddUpToTheWhole() {
		Rate status = Rate.of("60/2s");
		assertThat(status.part(0.25)).isEqualTo(Rate.of("15/2s"));
		assertThat(status.without(status.part(0.25))).isEqualTo(Rate.of("45/2s"));
		assertThat(Rate.of("3/1h").part(0.25)).as("under one request: no part").isEqualTo(Rate.OFF);
		assertThat(Rate.of("3/1h").without(Rate.OFF)).isEqualTo(Rate.of("3/1h"));
		assertThat(Rate.of("4/1s").part(1)).as("the rest keeps one request").isEqualTo(Rate.of("3/1s"));
	}

	@Test
	void refusesWhatIsNoRate() {
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.of("60"));
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.of("60/0s"));
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.of("-1/1s"));
	}

}
