package dev.ticketing.reservation;

import dev.ticketing.support.OnRedisCluster;

/**
 * {@link RedisSeatClaimsContractTests} on the local Redis Cluster of three masters and
 * three replicas.
 */
@OnRedisCluster
class RedisSeatClaimsClusterContractTests extends RedisSeatClaimsContractTests {

}
