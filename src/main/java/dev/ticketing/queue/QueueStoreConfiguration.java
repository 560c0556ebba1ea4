package dev.ticketing.queue;

import dev.ticketing.common.KnownConcerts;
import dev.ticketing.common.RedisKeys;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The queue's store, apart from {@link QueueConfiguration} so that a web slice of another
 * module (where {@link QueueService} is a mock) needs no Redis.
 */
@Configuration(proxyBeanMethods = false)
class QueueStoreConfiguration {

	/**
	 * The line in Redis, in every mode: the embedded mode starts a Redis of its own
	 * ({@code concert.redis.embedded}), so the algorithm lives in one place, the script.
	 */
	@Bean
	WaitingQueue waitingQueue(StringRedisTemplate redis, RedisKeys keys, QueueProperties properties,
			ObjectProvider<KnownConcerts> concerts) {
		return new RedisWaitingQueue(redis, keys.keyPrefix(), properties, limits(concerts, properties));
	}

	/**
	 * Who is admitted, for the {@code audit} command: built for every command, from the
	 * settings and the store alone.
	 */
	@Bean
	QueueCensus queueCensus(QueueProperties properties, RedisKeys keys, StringRedisTemplate redis) {
		return QueueCensus.of(redis, keys.keyPrefix(), properties);
	}

	/**
	 * Each concert's own limits; the global ones where no catalogue is there to ask (a
	 * start-up that stops at its settings).
	 */
	private static LineLimits.Source limits(ObjectProvider<KnownConcerts> concerts, QueueProperties properties) {
		KnownConcerts known = concerts.getIfAvailable();
		return (known != null) ? LineLimits.Source.perConcert(known, properties) : LineLimits.Source.global(properties);
	}

}
