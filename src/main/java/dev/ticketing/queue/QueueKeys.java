package dev.ticketing.queue;

import dev.ticketing.common.ConcertId;

/**
 * Where the queue keeps its lines in Redis: the keys {@code queue/queue.lua} documents, a
 * few per concert, every one under the deployment's prefix.
 *
 * @param prefix {@code concert.queue.key-prefix}
 */
record QueueKeys(String prefix) {

	/**
	 * One of the concert's keys. The hash tag keeps a concert's keys in one slot, as a
	 * script needs.
	 */
	String of(ConcertId concert, String part) {
		return key(concert.toString(), part);
	}

	/**
	 * The set of concerts where users wait, which the refill timer goes through. It spans
	 * concerts, so it has no hash tag and no script touches it: on Redis Cluster it lives
	 * in a slot of its own.
	 */
	String registry() {
		return this.prefix + "queue:concerts";
	}

	/**
	 * A SCAN pattern for this key of every concert's line; on Redis Cluster each master
	 * is scanned with it.
	 */
	String ofEveryConcert(String part) {
		return key("*", part);
	}

	/** The concert whose line a key belongs to; the prefix holds no brace. */
	static ConcertId concertOf(String key) {
		return ConcertId.of(key.substring(key.indexOf('{') + 1, key.indexOf('}')));
	}

	private String key(String concert, String part) {
		return this.prefix + "queue:{" + concert + "}:" + part;
	}

}
