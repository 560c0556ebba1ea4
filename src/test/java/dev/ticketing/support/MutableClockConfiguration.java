package dev.ticketing.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts a {@link MutableClock} standing at the start of the test in the context, for the
 * tests that move time ({@code @Import} it); the others keep the system clock.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

	// The application's own clock is still created (its @ConditionalOnMissingBean is
	// evaluated before this class is registered), so this one must be @Primary.
	@Bean
	@Primary
	MutableClock testClock() {
		return MutableClock.startingNow();
	}

}
