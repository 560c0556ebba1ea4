package dev.ticketing.idempotency;

import dev.ticketing.support.OnRedisCluster;

/**
 * {@link SafeRetriesIntegrationTests} on the local Redis Cluster of three masters and
 * three replicas.
 */
@OnRedisCluster
class SafeRetriesClusterIntegrationTests extends SafeRetriesIntegrationTests {

}
