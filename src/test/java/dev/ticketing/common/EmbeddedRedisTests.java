package dev.ticketing.common;

import org.junit.jupiter.api.Test;
import redis.embedded.RedisInstance;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded mode's Redis: started before the connection factory, which connects to it
 * alone, and stopped with the application.
 */
class EmbeddedRedisTests {

	private final ApplicationContextRunner contexts = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
		.withUserConfiguration(EmbeddedRedis.class);

	@Test
	void theConnectionFactoryTalksToTheRedisStartedForItAndTheRedisStopsWithTheContext() {
		EmbeddedRedis.ContextStoppedRedis[] started = new EmbeddedRedis.ContextStoppedRedis[1];
		this.contexts.withPropertyValues("concert.redis.embedded=true", "spring.data.redis.port=6379")
			.run((context) -> {
				started[0] = context.getBean(EmbeddedRedis.ContextStoppedRedis.class);
				started[0].stop();
				assertThat(started[0].isActive()).as("the library's shutdown hook stops nothing").isTrue();
				LettuceConnectionFactory connections = context.getBean(LettuceConnectionFactory.class);
				assertThat(connections.getHostName()).isEqualTo("127.0.0.1");
				assertThat(connections.getPort()).as("its own port, whatever spring.data.redis says")
					.isEqualTo(started[0].ports().getFirst())
					.isNotEqualTo(6379);
				StringRedisTemplate redis = context.getBean(StringRedisTemplate.class);
				redis.opsForValue().set("k", "v");
				assertThat(redis.opsForValue().get("k")).isEqualTo("v");
			});
		assertThat(started[0].isActive()).as("stopped on shutdown").isFalse();
	}

	@Test
	void offItStartsNothing() {
		this.contexts.withPropertyValues("concert.redis.embedded=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RedisInstance.class));
	}

}
