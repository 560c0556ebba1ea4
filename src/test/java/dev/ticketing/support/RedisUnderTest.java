package dev.ticketing.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis a test class that connects by itself runs against: the shared single Redis on
 * 127.0.0.1:6379, or for a class marked {@link OnRedisCluster} the local Redis Cluster.
 */
public final class RedisUnderTest {

	/**
	 * The local cluster's nodes, as {@code spring.data.redis.cluster.nodes} takes them.
	 */
	public static final String CLUSTER_NODES = "127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002,"
			+ "127.0.0.1:7003,127.0.0.1:7004,127.0.0.1:7005";

	private RedisUnderTest() {
	}

	/** A started connection factory to the Redis {@code testClass} runs against. */
	public static LettuceConnectionFactory connect(Class<?> testClass) {
		LettuceConnectionFactory factory = onCluster(testClass)
				? new LettuceConnectionFactory(new RedisClusterConfiguration(clusterNodes()))
				: new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	public static boolean onCluster(Class<?> testClass) {
		return testClass.isAnnotationPresent(OnRedisCluster.class);
	}

	public static List<String> clusterNodes() {
		return Arrays.asList(CLUSTER_NODES.split(","));
	}

	/**
	 * Skips a cluster test class, saying why, when no cluster answers on its first port;
	 * fails it under CI, which is meant to have started one.
	 */
	static final class ClusterAnswers implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (answers("127.0.0.1", 7000)) {
				return ConditionEvaluationResult.enabled("a Redis Cluster answers on 127.0.0.1:7000");
			}
			String ci = System.getenv("CI");
			if (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci)) {
				throw new IllegalStateException("CI is set but no Redis Cluster answers on 127.0.0.1:7000;"
						+ " .ci/run starts one with deploy/local/redis-cluster.sh start");
			}
			return ConditionEvaluationResult.disabled("No Redis Cluster answers on 127.0.0.1:7000, so the cluster"
					+ " variant is skipped: start one with deploy/local/redis-cluster.sh start");
		}

		private static boolean answers(String host, int port) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(host, port), 500);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

}
