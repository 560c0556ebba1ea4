package dev.ticketing.queue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ticketing.common.ConcertId;

import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.RedisCallback;
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
		for (String key : activeKeys()) {
			// Scored by the admission's expiry: run-out ones no longer count.
			Long count = this.redis.opsForZSet().count(key, now.toEpochMilli() + 1, Double.POSITIVE_INFINITY);
			active.put(QueueKeys.concertOf(key), (count != null) ? count : 0);
		}
		return new ActiveUsers(Map.copyOf(active), this.maxActive);
	}

	/**
	 * The admitted-users key of every line. On Redis Cluster a SCAN walks one node only,
	 * so every master that serves slots is scanned in turn.
	 */
	private List<String> activeKeys() {
		ScanOptions lines = ScanOptions.scanOptions().match(this.keys.ofEveryConcert("active")).count(500).build();
		List<String> found = new ArrayList<>();
		this.redis.execute((RedisCallback<Void>) (connection) -> {
			if (connection instanceof RedisClusterConnection cluster) {
				for (RedisClusterNode node : cluster.clusterGetNodes()) {
					if (node.isMaster() && !node.isMarkedAsFail() && !node.getSlotRange().getSlots().isEmpty()) {
						collect(cluster.scan(node, lines), found);
					}
				}
			}
			else {
				collect(connection.keyCommands().scan(lines), found);
			}
			return null;
		});
		return found;
	}

	private static void collect(Cursor<byte[]> keys, List<String> found) {
		try (keys) {
			keys.forEachRemaining((key) -> found.add(new String(key, StandardCharsets.UTF_8)));
		}
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
