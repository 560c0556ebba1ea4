package dev.ticketing.limits;

import dev.ticketing.support.OnRedisCluster;

/**
 * {@link RateLimitsIntegrationTests} on the local Redis Cluster of three masters and
 * three replicas.
 */
@OnRedisCluster
class RateLimitsClusterIntegrationTests extends RateLimitsIntegrationTests {

}
