package dev.ticketing.queue;

import dev.ticketing.support.OnRedisCluster;

/**
 * {@link RedisWaitingQueueContractTests} on the local Redis Cluster of three masters and
 * three replicas.
 */
@OnRedisCluster
class RedisWaitingQueueClusterContractTests extends RedisWaitingQueueContractTests {

}
