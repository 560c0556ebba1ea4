package dev.ticketing.reservation;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReservationProperties.class)
class ReservationConfiguration {

	@Bean
	@ConditionalOnProperty(name = "concert.reservation.claims", havingValue = "redis")
	SeatClaims redisSeatClaims(StringRedisTemplate redis, ReservationProperties properties,
			// One prefix for every key of a deployment, the queue's and the claims'.
			@Value("${concert.queue.key-prefix:}") String prefix) {
		return new RedisSeatClaims(redis, prefix, properties.claimRecheck());
	}

	@Bean
	@ConditionalOnProperty(name = "concert.reservation.claims", havingValue = "memory", matchIfMissing = true)
	SeatClaims inMemorySeatClaims() {
		return new InMemorySeatClaims();
	}

}
