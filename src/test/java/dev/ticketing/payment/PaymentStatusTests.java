package dev.ticketing.payment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PaymentStatusTests {

	@Test
	void aCompletedPaymentIsRefundedOnceAndARefundedOneStaysRefunded() {
		assertThat(PaymentStatus.COMPLETED.canBecome(PaymentStatus.REFUNDED)).isTrue();
		assertThat(PaymentStatus.sourcesOf(PaymentStatus.REFUNDED)).containsExactly(PaymentStatus.COMPLETED);
		assertThat(PaymentStatus.values()).noneMatch(PaymentStatus.REFUNDED::canBecome);
		assertThat(PaymentStatus.sourcesOf(PaymentStatus.COMPLETED)).as("a payment is only ever made completed")
			.isEmpty();
	}

}
