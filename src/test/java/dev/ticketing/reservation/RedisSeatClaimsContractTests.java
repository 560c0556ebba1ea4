package dev.ticketing.reservation;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.concert.SeatId;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract against the real Redis on 127.0.0.1 under a key prefix of this class's
 * own, plus what only a remote store can do: fail.
 */
class RedisSeatClaimsContractTests extends SeatClaimsContract {

	static final String PREFIX = "test:claims:" + UUID.randomUUID() + ":";

	static LettuceConnectionFactory connection;

	@BeforeAll
	static void connect() {
		connection = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		connection.afterPropertiesSet();
		connection.start();
	}

	@AfterAll
	static void disconnect() {
		StringRedisTemplate redis = new StringRedisTemplate(connection);
		Set<String> keys = redis.keys(PREFIX + "*");
		if (keys != null && !keys.isEmpty()) {
			redis.delete(keys);
		}
		connection.destroy();
	}

	@Override
	SeatClaims claims() {
		return new RedisSeatClaims(new StringRedisTemplate(connection), PREFIX);
	}

	@Test
	void aClaimStoreThatCannotBeReachedAnswersUnknownInsteadOfFailing() {
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 1));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			SeatClaims claims = new RedisSeatClaims(new StringRedisTemplate(nowhere), PREFIX);
			Instant now = Instant.now();
			ReservationId reservation = ReservationId.random();
			assertThat(claims.claim(new SeatId(1), reservation, now, now.plusSeconds(10)))
				.isEqualTo(SeatClaims.Claim.UNKNOWN);
			claims.extend(new SeatId(1), reservation, now, now.plusSeconds(10));
			claims.release(new SeatId(1), reservation);
		}
		finally {
			nowhere.destroy();
		}
	}

}
