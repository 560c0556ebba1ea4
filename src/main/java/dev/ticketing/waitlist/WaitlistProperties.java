package dev.ticketing.waitlist;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the waiting lists ({@code concert.waitlist.*}); application.yml names each
 * with its default and why.
 *
 * @param offerDuration how long a released seat offered to a waiting fan stays theirs to
 * pay for before it goes to the next fan
 */
@ConfigurationProperties("concert.waitlist")
record WaitlistProperties(@DefaultValue("5m") Duration offerDuration) {

	WaitlistProperties {
		if (offerDuration.isNegative() || offerDuration.isZero()) {
			throw new IllegalArgumentException("concert.waitlist.offer-duration must be positive");
		}
	}

}
