package dev.ticketing.reservation;

import dev.ticketing.common.RedisKeys;

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
	SeatClaims redisSeatClaims(StringRedisTemplate redis, ReservationProperties properties, RedisKeys keys) {
		return new RedisSeatClaims(redis, keys.keyPrefix(), properties.claimRecheck());
	}

	@Bean
	@ConditionalOnProperty(name = "concert.reservation.claims", havingValue = "memory", matchIfMissing = true)
	SeatClaims inMemorySeatClaims() {
		return new InMemorySeatClaims();
	}

}
