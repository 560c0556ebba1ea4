package dev.ticketing.limits;

import io.github.bucket4j.Bucket;

/**
 * Where the shared buckets of the rate limits live: Redis ({@link RedisBucketStore}), the
 * embedded mode's own or the one every instance shares.
 */
interface BucketStore {

	/** A new bucket of {@code limit} for {@code key}; this instance keeps it a while. */
	Bucket bucket(Limit limit, String key);

	/** Whether to ask the store now; false for a while after it failed. */
	default boolean available() {
		return true;
	}

	/** The store failed to answer about a limit; the request goes on unlimited. */
	default void failed(RuntimeException ex) {
		throw ex;
	}

}
