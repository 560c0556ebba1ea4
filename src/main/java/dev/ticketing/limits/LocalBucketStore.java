package dev.ticketing.limits;

import io.github.bucket4j.Bucket;

/**
 * Bucket4j's in-process buckets: the embedded mode has one instance and no Redis.
 */
final class LocalBucketStore implements BucketStore {

	@Override
	public Bucket bucket(Limit limit, String key) {
		return Bucket.builder().addLimit(limit.shared().bandwidth()).build();
	}

}
