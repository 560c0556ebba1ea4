package dev.ticketing.limits;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisFuture;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.github.bucket4j.redis.lettuce.RedisApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Buckets in Redis, shared by every instance (Bucket4j's compare-and-swap buckets over
 * Lettuce), one key per user or address and limit, each expiring once its bucket would be
 * full again.
 * <p>
 * <b>Why a limit costs about no Redis round trip.</b> Asking Redis on every request would
 * add two round trips (Bucket4j's compare-and-swap reads the bucket, then swaps it) to a
 * status poll that makes one today, and about as much CPU as the rest of the poll; a
 * bucket Redis does not hold yet costs three. First, a key's requests take from the part
 * of the limit each instance hands out alone ({@link Limit}): a person's polls and holds
 * never get further. For a key that uses that part up, each instance keeps a copy of its
 * shared bucket and decides from it ({@link Optimizations#delaying}): it tells Redis what
 * it handed out, and learns what the others did, only after handing out
 * {@code local-share} of the limit (at least one request) or after {@code sync-interval},
 * whichever comes first. A user polling once a second makes one exchange with Redis per
 * {@code sync-interval}; a user in a tight loop one per share of the limit, until the
 * bucket is empty, then none: an empty copy refuses from memory, because the shared
 * bucket cannot hold more than this copy (the others only take from it). What this costs
 * in accuracy is bounded and temporary: before they next exchange with Redis, n instances
 * may together let through up to n × the local share more than the limit; Redis then
 * holds the overdraft as a debt, which delays the next requests by as much. Over time the
 * rate is exact.
 * <p>
 * <b>Redis failing.</b> The limits are a guard, never a dependency: when Redis does not
 * answer (within {@code redis-timeout}) the request goes on unlimited, and this instance
 * stops asking for a second, so an outage costs no waiting on every request. Nothing else
 * degrades: the queue and the seat claims have their own fallbacks.
 * <p>
 * Commands go over Spring Data Redis's shared Lettuce connection (the one the queue and
 * the seat claims use, with its client options), not over a client of its own.
 */
final class RedisBucketStore implements BucketStore {

	private static final Logger log = LoggerFactory.getLogger(RedisBucketStore.class);

	/** How long the limits go unenforced after Redis failed to answer about one. */
	private static final long PAUSE_NANOS = Duration.ofSeconds(1).toNanos();

	private final ProxyManager<byte[]> proxies;

	private final String prefix;

	private final double localShare;

	private final Duration syncInterval;

	private volatile long pausedUntil = System.nanoTime() - 1;

	RedisBucketStore(RedisConnectionFactory connections, String prefix, LimitsProperties properties,
			MeterRegistry meters) {
		Counter calls = Counter.builder("concert.limits.redis.calls")
			.description("Redis round trips of the rate limits (each settling is a read and a swap)")
			.register(meters);
		this.proxies = new Bucket4jLettuce.LettuceBasedProxyManagerBuilder<>(
				new SharedConnection<byte[]>(connections, calls))
			.requestTimeout(properties.redisTimeout())
			.expirationAfterWrite(
					ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(properties.syncInterval()))
			.build();
		this.prefix = prefix + "limit:";
		this.localShare = properties.localShare();
		this.syncInterval = properties.syncInterval();
	}

	@Override
	public Bucket bucket(Limit limit, String key) {
		long localTokens = Math.max(1, (long) (limit.shared().requests() * this.localShare));
		return this.proxies.builder()
			.withOptimization(Optimizations.delaying(new DelayParameters(localTokens, this.syncInterval)))
			.build(redisKey(limit, key), limit::configuration);
	}

	@Override
	public boolean available() {
		return System.nanoTime() - this.pausedUntil >= 0;
	}

	@Override
	public void failed(RuntimeException ex) {
		boolean wasAvailable = available();
		this.pausedUntil = System.nanoTime() + PAUSE_NANOS;
		if (wasAvailable) {
			log.warn("Rate limits unenforced for a second, Redis did not answer: {}", ex.toString());
		}
	}

	byte[] redisKey(Limit limit, String key) {
		return (this.prefix + limit.name() + ":" + (limit.hashedKeys() ? digest(key) : key))
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A queue token is a bearer secret: Redis holds only 128 bits of its SHA-256, enough
	 * to tell tokens apart.
	 */
	private static String digest(String secret) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Bucket4j's three Redis calls on the connection Spring Data Redis shares. Asked for
	 * per call, so that Spring connects lazily (Redis may be down at start-up) and this
	 * never holds a connection that was replaced.
	 */
	private static final class SharedConnection<K> implements RedisApi<K> {

		private final RedisConnectionFactory connections;

		private final Counter calls;

		SharedConnection(RedisConnectionFactory connections, Counter calls) {
			this.connections = connections;
			this.calls = calls;
		}

		@Override
		public <V> RedisFuture<V> eval(String script, ScriptOutputType type, K[] keys, byte[][] params) {
			try (RedisConnection connection = this.connections.getConnection()) {
				return commands(connection).eval(script, type, keys, params);
			}
		}

		@Override
		public RedisFuture<byte[]> get(K key) {
			try (RedisConnection connection = this.connections.getConnection()) {
				return commands(connection).get(key);
			}
		}

		@Override
		public RedisFuture<?> delete(K key) {
			try (RedisConnection connection = this.connections.getConnection()) {
				return commands(connection).del(key);
			}
		}

		/**
		 * Lettuce's asynchronous commands of the shared connection. Keys go through
		 * unchanged (byte arrays, as Spring's connection encodes them).
		 */
		@SuppressWarnings("unchecked")
		private RedisClusterAsyncCommands<K, byte[]> commands(RedisConnection connection) {
			this.calls.increment();
			return (RedisClusterAsyncCommands<K, byte[]>) connection.getNativeConnection();
		}

	}

}
