package dev.ticketing.reservation;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class ReservationConfiguration {

	@Bean
	@ConditionalOnProperty(name = "concert.reservation.claims", havingValue = "redis")
	SeatClaims redisSeatClaims(StringRedisTemplate redis,
			// One prefix for every key of a deployment, the queue's and the claims'.
			@Value("${concert.queue.key-prefix:}") String prefix,
			@Value("${concert.reservation.claim-recheck:500ms}") Duration recheck) {
		return new RedisSeatClaims(redis, prefix, recheck);
	}

	@Bean
	@ConditionalOnProperty(name = "concert.reservation.claims", havingValue = "memory", matchIfMissing = true)
	SeatClaims inMemorySeatClaims() {
		return new InMemorySeatClaims();
	}

}
