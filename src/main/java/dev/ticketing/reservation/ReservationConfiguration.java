package dev.ticketing.reservation;

import dev.ticketing.common.RedisKeys;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReservationProperties.class)
class ReservationConfiguration {

	/** In Redis in every mode: the embedded mode starts a Redis of its own. */
	@Bean
	SeatClaims seatClaims(StringRedisTemplate redis, ReservationProperties properties, RedisKeys keys) {
		return new RedisSeatClaims(redis, keys.keyPrefix(), properties.claimRecheck());
	}

}
