package dev.ticketing.limits;

import io.github.bucket4j.Bucket;

/**
 * Where the buckets of the rate limits live: in this process (embedded mode) or in Redis,
 * shared by every instance.
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
