package dev.ticketing.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.context.TestPropertySource;

/**
 * Runs a test class against the Redis Cluster of three masters and three replicas that
 * {@code deploy/local/redis-cluster.sh start} brings up on 127.0.0.1:7000-7005 (as
 * {@code .ci/run} does), instead of the single Redis on 6379: an {@link IntegrationTest}
 * through Spring Boot's {@code spring.data.redis.cluster.nodes}, a test that connects by
 * itself through {@link RedisUnderTest}. Put on a subclass of a single-node test class,
 * it runs the same tests on the cluster.
 * <p>
 * Without a cluster the class is skipped, saying so; unless {@code CI} is set, where a
 * missing cluster fails it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RedisUnderTest.ClusterAnswers.class)
@TestPropertySource(properties = "spring.data.redis.cluster.nodes=" + RedisUnderTest.CLUSTER_NODES)
public @interface OnRedisCluster {

}
