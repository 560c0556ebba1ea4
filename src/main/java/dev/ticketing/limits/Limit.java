package dev.ticketing.limits;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * One rate limit (an endpoint, per user or per address) and this instance's buckets for
 * it, two per user or address: a part of the limit ({@code concert.limits.local-share})
 * that this instance hands out alone, from memory, and the rest in the store's bucket,
 * shared by every instance. A key's requests take from the first while it lasts, so a
 * person polling once a second or retrying a hold a few times never reaches the store:
 * only a key that uses its part up (a script, a crowd behind one address) does. One
 * instance lets through exactly the limit; n instances up to n - 1 parts more. A bucket
 * left alone longer than the limit's refill time (or than the store's sync interval) is
 * dropped: it would be full again by then.
 */
final class Limit {

	private final String name;

	private final Rate rate;

	private final boolean hashedKeys;

	private final Rate alone;

	private final Rate shared;

	private final BucketConfiguration configuration;

	private final Cache<String, Bucket> buckets;

	private final Cache<String, Bucket> aloneBuckets;

	private final Counter refused;

	/**
	 * @param hashedKeys whether the key is a secret (a queue token) that must not be
	 * stored as it is
	 * @param aloneShare the share of the limit this instance hands out without the store
	 */
	Limit(String endpoint, String scope, Rate rate, boolean hashedKeys, double aloneShare, int maxKeys, Duration keep,
			MeterRegistry meters) {
		this.name = endpoint + "-" + scope;
		this.rate = rate;
		this.hashedKeys = hashedKeys;
		this.alone = rate.part(aloneShare);
		this.shared = rate.without(this.alone);
		this.configuration = BucketConfiguration.builder().addLimit(this.shared.bandwidth()).build();
		Duration idle = rate.refillTime().compareTo(keep) > 0 ? rate.refillTime() : keep;
		this.buckets = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(maxKeys).build();
		this.aloneBuckets = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(maxKeys).build();
		this.refused = Counter.builder("concert.limits.refused")
			.description("Requests refused by a rate limit")
			.tag("endpoint", endpoint)
			.tag("scope", scope)
			.register(meters);
	}

	String name() {
		return this.name;
	}

	Rate rate() {
		return this.rate;
	}

	/** The part of the limit the store's bucket holds. */
	Rate shared() {
		return this.shared;
	}

	boolean hashedKeys() {
		return this.hashedKeys;
	}

	BucketConfiguration configuration() {
		return this.configuration;
	}

	Bucket bucket(String key, BucketStore store) {
		return this.buckets.get(key, (k) -> store.bucket(this, k));
	}

	/**
	 * Takes one request from the part of the limit this instance hands out alone.
	 * @return whether there was one left for {@code key}
	 */
	boolean takeAlone(String key) {
		return !this.alone.isOff()
				&& this.aloneBuckets.get(key, (k) -> Bucket.builder().addLimit(this.alone.bandwidth()).build())
					.tryConsume(1);
	}

	void refused() {
		this.refused.increment();
	}

}
