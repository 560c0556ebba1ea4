package dev.ticketing.reservation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of seat holds ({@code concert.reservation.*}); application.yml names each with
 * its default and why.
 *
 * @param holdDuration how long a held seat stays its holder's
 * @param claimRecheck how long a seat the claim store reported taken is refused from this
 * instance's memory; zero asks on every attempt
 * @param sweepInterval how often expired holds are tidied
 * @param maxHoldsPerUser most live (unexpired, unpaid) holds one user may have on one
 * concert
 * @param selfRefundUntil a fan may refund their own paid reservation until this long
 * before its date starts; zero never
 */
@ConfigurationProperties("concert.reservation")
record ReservationProperties(@DefaultValue("5m") Duration holdDuration, @DefaultValue("500ms") Duration claimRecheck,
		@DefaultValue("30s") Duration sweepInterval, @DefaultValue("4") int maxHoldsPerUser,
		@DefaultValue("48h") Duration selfRefundUntil) {

	ReservationProperties {
		if (holdDuration.isNegative() || holdDuration.isZero()) {
			throw new IllegalArgumentException("concert.reservation.hold-duration must be positive");
		}
		if (claimRecheck.isNegative()) {
			throw new IllegalArgumentException("concert.reservation.claim-recheck must not be negative");
		}
		if (sweepInterval.isNegative() || sweepInterval.isZero()) {
			throw new IllegalArgumentException("concert.reservation.sweep-interval must be positive");
		}
		if (selfRefundUntil.isNegative()) {
			throw new IllegalArgumentException("concert.reservation.self-refund-until must not be negative");
		}
		if (maxHoldsPerUser < 1) {
			throw new IllegalArgumentException("concert.reservation.max-holds-per-user must be at least 1");
		}
	}

}
