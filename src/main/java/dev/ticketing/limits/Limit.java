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
 * it, one per user or address. A bucket left alone longer than the limit's refill time
 * (or than the store's sync interval) is dropped: it would be full again by then.
 */
final class Limit {

	private final String name;

	private final Rate rate;

	private final boolean hashedKeys;

	private final BucketConfiguration configuration;

	private final Cache<String, Bucket> buckets;

	private final Counter refused;

	/**
	 * @param hashedKeys whether the key is a secret (a queue token) that must not be
	 * stored as it is
	 */
	Limit(String endpoint, String scope, Rate rate, boolean hashedKeys, int maxKeys, Duration keep,
			MeterRegistry meters) {
		this.name = endpoint + "-" + scope;
		this.rate = rate;
		this.hashedKeys = hashedKeys;
		this.configuration = BucketConfiguration.builder().addLimit(rate.bandwidth()).build();
		Duration idle = rate.refillTime().compareTo(keep) > 0 ? rate.refillTime() : keep;
		this.buckets = Caffeine.newBuilder().expireAfterAccess(idle).maximumSize(maxKeys).build();
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

	boolean hashedKeys() {
		return this.hashedKeys;
	}

	BucketConfiguration configuration() {
		return this.configuration;
	}

	Bucket bucket(String key, BucketStore store) {
		return this.buckets.get(key, (k) -> store.bucket(this, k));
	}

	void refused() {
		this.refused.increment();
	}

}
