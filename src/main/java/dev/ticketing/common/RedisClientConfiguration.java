package dev.ticketing.common;

import io.lettuce.core.ClientOptions;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * While Redis is unreachable, commands fail at once instead of queueing until a timeout:
 * callers fall back (seat claims to the database alone, admissions to what this instance
 * last saw) rather than hold a request for seconds. The client reconnects by itself.
 */
@Configuration(proxyBeanMethods = false)
class RedisClientConfiguration {

	@Bean
	LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true);
	}

	/**
	 * Boot's template, but handing its callbacks the connection itself: by default every
	 * command builds a JDK proxy around the connection (to stop callbacks closing it),
	 * which the profile showed on every queue poll, admission and seat claim. None of our
	 * calls close the connection they are given.
	 */
	@Bean
	StringRedisTemplate stringRedisTemplate(RedisConnectionFactory connections) {
		StringRedisTemplate template = new StringRedisTemplate(connections);
		template.setExposeConnection(true);
		return template;
	}

}
