package dev.ticketing.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PointsTests {

	@Test
	void rejectsNegativeAmountAs400InvalidAmount() {
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> Points.of(-1)).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(400);
			assertThat(ex.code()).isEqualTo("INVALID_AMOUNT");
		});
		assertThatExceptionOfType(InvalidInput.class).isThrownBy(() -> new Points(Long.MIN_VALUE));
	}

	@Test
	void allowsZeroAndTheLargestLong() {
		assertThat(Points.of(0)).isEqualTo(Points.ZERO);
		assertThat(Points.ZERO.isZero()).isTrue();
		assertThat(Points.of(Long.MAX_VALUE).value()).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void onlyNoPointsIsZero() {
		assertThat(Points.of(1).isZero()).isFalse();
	}

}
