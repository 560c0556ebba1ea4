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
	void refusesWhatIsNoRate() {
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.of("60"));
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.of("60/0s"));
		assertThatIllegalArgumentException().isThrownBy(() -> Rate.of("-1/1s"));
	}

}
