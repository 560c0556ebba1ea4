package dev.ticketing.challenge;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ChallengeProperties.class)
class ChallengeConfiguration {

	/**
	 * The signing key, checked at start-up: missing where instances share the store, or
	 * short, it stops the service here rather than at the first join.
	 */
	@Bean
	ChallengeKey challengeKey(ChallengeProperties properties, Environment environment) {
		boolean servesRequests = "serve".equals(environment.getProperty("concert.command", "serve"));
		boolean shared = !environment.getProperty("concert.redis.embedded", Boolean.class, false);
		return ChallengeKey.forStartup(properties.hmacKey(), servesRequests, shared);
	}

}
