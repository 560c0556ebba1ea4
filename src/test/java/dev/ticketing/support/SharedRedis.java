package dev.ticketing.support;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shared Redis on 127.0.0.1:6379 for tests that build an adapter without Spring: one
 * connection for the whole run, and key prefixes of a test class's own, so test classes
 * and concurrent runs never see each other's keys.
 */
public final class SharedRedis {

	private static final StringRedisTemplate TEMPLATE = connect();

	private SharedRedis() {
	}

	public static StringRedisTemplate template() {
		return TEMPLATE;
	}

	/** A key prefix no other test class or run uses. */
	public static String prefixFor(Class<?> testClass) {
		return "test:" + testClass.getSimpleName().toLowerCase(Locale.ROOT) + ":" + UUID.randomUUID() + ":";
	}

	/** Deletes every key under {@code prefix}. */
	public static void removeKeys(String prefix) {
		Set<String> keys = TEMPLATE.keys(prefix + "*");
		if (keys != null && !keys.isEmpty()) {
			TEMPLATE.delete(keys);
		}
	}

	private static StringRedisTemplate connect() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379));
		factory.afterPropertiesSet();
		factory.start();
		return new StringRedisTemplate(factory);
	}

}
