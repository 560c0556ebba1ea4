package dev.ticketing.queue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import dev.ticketing.common.ConcertId;

import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.modulith.NamedInterface;

/**
 * Who the queue has admitted, counted for the integrity audit straight from the store:
 * with plain reads, not through the script that admits, so it is a second opinion on the
 * cap that script keeps; and it changes nothing, not even an admission that ran out.
 */
@NamedInterface("census")
public final class QueueCensus {

	private final StringRedisTemplate redis;

	private final QueueKeys keys;

	private final int maxActive;

	private QueueCensus(StringRedisTemplate redis, QueueKeys keys, QueueProperties settings) {
		this.redis = redis;
		this.keys = keys;
		this.maxActive = settings.maxActive();
	}

	/** The census of the shared store, whose keys start with {@code keyPrefix}. */
	static QueueCensus of(StringRedisTemplate redis, String keyPrefix, QueueProperties settings) {
		return new QueueCensus(redis, new QueueKeys(keyPrefix), settings);
	}

	/**
	 * Every line in the store with the users whose admission runs past {@code now}; a
	 * line counts whether or not anyone waits in it.
	 */
	public ActiveUsers activeAt(Instant now) {
		Map<ConcertId, Long> active = new HashMap<>();
		ScanOptions lines = ScanOptions.scanOptions().match(this.keys.ofEveryConcert("active")).count(500).build();
		try (Cursor<String> keys = this.redis.scan(lines)) {
			while (keys.hasNext()) {
				String key = keys.next();
				// Scored by the admission's expiry: run-out ones no longer count.
				Long count = this.redis.opsForZSet().count(key, now.toEpochMilli() + 1, Double.POSITIVE_INFINITY);
				active.put(QueueKeys.concertOf(key), (count != null) ? count : 0);
			}
		}
		return new ActiveUsers(Map.copyOf(active), this.maxActive);
	}

	/**
	 * The users admitted at one moment.
	 *
	 * @param perConcert how many are admitted, per concert with a line in the store
	 * @param maxActive the cap of a concert whose organiser set none of its own
	 * ({@code concert.queue.max-active})
	 */
	public record ActiveUsers(Map<ConcertId, Long> perConcert, int maxActive) {

	}

}
