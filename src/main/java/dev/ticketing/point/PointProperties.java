package dev.ticketing.point;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds of the wallets ({@code concert.points.*}); application.yml names each with its
 * default and why.
 *
 * @param maxCharge largest single charge; a larger one is refused as absurd (400)
 * @param maxBalance largest balance a charge may leave
 */
@ConfigurationProperties("concert.points")
record PointProperties(@DefaultValue("10000000") long maxCharge, @DefaultValue("1000000000000") long maxBalance) {

	PointProperties {
		if (maxCharge < 1) {
			throw new IllegalArgumentException("concert.points.max-charge must be at least 1, not " + maxCharge);
		}
		if (maxBalance < maxCharge) {
			throw new IllegalArgumentException("concert.points.max-balance (" + maxBalance
					+ ") must be at least concert.points.max-charge (" + maxCharge + ")");
		}
	}

}
