package dev.ticketing.limits;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store on its own, over Spring Data Redis's Lettuce connection factory
 * (Lettuce as Spring Boot brings it, newer than the one Bucket4j was built with): it
 * limits, keeps its keys under the deployment's prefix, asks Redis nothing while a key
 * stays within the part of the limit an instance hands out alone, and when Redis is not
 * there lets requests through.
 */
class RedisBucketStoreTests {

	static final String PREFIX = "test:bucket-store:" + UUID.randomUUID() + ":";

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@Test
	void limitsThroughRedisAndKeepsTheKeyUnderThePrefix() {
		LettuceConnectionFactory connections = connections(6379);
		try {
			RateLimiter limiter = new RateLimiter(new RedisBucketStore(connections, PREFIX, properties(), this.meters),
					this.meters);
			Limit limit = limit(Rate.of("3/1h"));
			String user = UUID.randomUUID().toString();

			assertThat(limiter.take(limit, user)).isZero();
			assertThat(limiter.take(limit, user)).isZero();
			assertThat(limiter.take(limit, user)).isZero();
			assertThat(limiter.take(limit, user)).isBetween(1L, Duration.ofMinutes(20).toNanos());
			assertThat(limiter.take(limit, UUID.randomUUID().toString())).isZero();
			assertThat(this.meters.counter("concert.limits.redis.calls").count())
				.as("a new key: a read that finds no bucket, then a read and a swap that create it;"
						+ " settling after the local share (here 1): a read and a swap")
				.isEqualTo(3 + 2 + 3);

			StringRedisTemplate redis = new StringRedisTemplate(connections);
			assertThat(redis.hasKey(PREFIX + "limit:test-user:" + user)).isTrue();
			assertThat(redis.getExpire(PREFIX + "limit:test-user:" + user)).isPositive();
			redis.delete(redis.keys(PREFIX + "*"));
		}
		finally {
			connections.destroy();
		}
	}

	@Test
	void aKeyWithinThePartOfTheLimitThisInstanceHandsOutAloneNeverReachesRedis() {
		LettuceConnectionFactory connections = connections(6379);
		StringRedisTemplate redis = new StringRedisTemplate(connections);
		try {
			RateLimiter limiter = new RateLimiter(new RedisBucketStore(connections, PREFIX, properties(), this.meters),
					this.meters);
			Limit limit = limit(Rate.of("60/1h"));
			String user = UUID.randomUUID().toString();

			for (int poll = 0; poll < 15; poll++) {
				assertThat(limiter.take(limit, user)).isZero();
			}
			assertThat(this.meters.counter("concert.limits.redis.calls").count())
				.as("a quarter of the limit is this instance's alone")
				.isZero();
			assertThat(redis.hasKey(PREFIX + "limit:test-user:" + user)).isFalse();

			int passed = 15;
			while (limiter.take(limit, user) == 0) {
				passed++;
				assertThat(passed).as("one instance lets through the limit, no more").isLessThanOrEqualTo(60);
			}
			assertThat(passed).isEqualTo(60);
			assertThat(redis.hasKey(PREFIX + "limit:test-user:" + user)).as("the rest is shared through Redis")
				.isTrue();
		}
		finally {
			redis.delete(redis.keys(PREFIX + "*"));
			connections.destroy();
		}
	}

	@Test
	void whenRedisIsGoneEveryRequestGoesOnAndIsCountedAsUnenforced() throws IOException {
		int nowhere;
		try (ServerSocket socket = new ServerSocket(0)) {
			nowhere = socket.getLocalPort();
		}
		LettuceConnectionFactory connections = connections(nowhere);
		try {
			RateLimiter limiter = new RateLimiter(new RedisBucketStore(connections, PREFIX, properties(), this.meters),
					this.meters);
			Limit limit = limit(Rate.of("1/1h"));

			for (int i = 0; i < 5; i++) {
				assertThat(limiter.take(limit, "user")).isZero();
			}
			assertThat(this.meters.counter("concert.limits.unenforced").count()).isEqualTo(5);
		}
		finally {
			connections.destroy();
		}
	}

	private Limit limit(Rate rate) {
		return new Limit("test", "user", rate, false, properties().localShare(), 100, Duration.ofSeconds(10),
				this.meters);
	}

	private static LimitsProperties properties() {
		return new Binder(new MapConfigurationPropertySource(java.util.Map.of())).bindOrCreate("concert.limits",
				Bindable.of(LimitsProperties.class));
	}

	private static LettuceConnectionFactory connections(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
