package dev.ticketing.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Gives each test class its own PostgreSQL schema and Redis key prefix, so test classes
 * and concurrent runs never see each other's data; with the queue token secret and the
 * ticket key pair the prod profile needs, and trusting the {@link TestIssuer}'s access
 * tokens. Sale events stay in the outbox unless the class runs {@link OnKafka}, which
 * sends them to a topic of its own.
 */
public class IsolatedStores implements ContextCustomizerFactory {

	public static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

	/**
	 * The queue token secret of every test instance in the prod profile, which refuses to
	 * start without one; instances that share a Redis must share it too. Tests only.
	 */
	public static final String QUEUE_TOKEN_SECRET = "dGVzdHMgb25seTogdGhlIHF1ZXVlIHRva2VuIHNlY3JldA";

	/**
	 * The join challenges' HMAC key of every test instance in the prod profile. Tests
	 * only.
	 */
	public static final String CHALLENGE_HMAC_KEY = "tests only: the join challenges' hmac key";

	/**
	 * The Ed25519 key pair ticket codes are signed with in every test instance of the
	 * prod profile, which refuses to start without one. Tests only.
	 */
	public static final String TICKET_PRIVATE_KEY = "-----BEGIN PRIVATE KEY-----\n"
			+ "MC4CAQAwBQYDK2VwBCIEIK2mQam6UYXTmfnld8PrYOiwTZ1K8Rlxc01+uI8UVon8\n-----END PRIVATE KEY-----\n";

	public static final String TICKET_PUBLIC_KEY = "-----BEGIN PUBLIC KEY-----\n"
			+ "MCowBQYDK2VwAyEAmUH+1U9KTkcyh3okUVxe9OFy48peXafohxWpRqCExeM=\n-----END PUBLIC KEY-----\n";

	/**
	 * The command line of a prod instance a test starts itself on schema {@code schema}
	 * ({@code jdbcOptions} appended to its JDBC URL): random ports, the local PostgreSQL
	 * and Redis, the queue token secret, and the {@link TestIssuer}'s sign-in; then
	 * {@code more}.
	 */
	public static String[] prodArguments(String schema, String jdbcOptions, String... more) {
		return prodArguments(POSTGRES, schema, jdbcOptions, more);
	}

	/**
	 * As {@link #prodArguments(String, String, String...)}, on the PostgreSQL of
	 * {@code postgres} (a JDBC URL without parameters) rather than the local one.
	 */
	public static String[] prodArguments(String postgres, String schema, String jdbcOptions, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--concert.queue.token-secret=" + QUEUE_TOKEN_SECRET,
				"--concert.challenge.hmac-key=" + CHALLENGE_HMAC_KEY,
				"--concert.tickets.private-key=" + TICKET_PRIVATE_KEY,
				"--concert.tickets.public-key=" + TICKET_PUBLIC_KEY,
				"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestIssuer.ISSUER,
				"--spring.datasource.url=" + postgres + "?currentSchema=" + schema + jdbcOptions,
				"--spring.flyway.schemas=" + schema, "--spring.data.redis.host=127.0.0.1",
				"--spring.modulith.events.externalization.enabled=false"));
		arguments.addAll(List.of(more));
		return arguments.toArray(String[]::new);
	}

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new Customizer(testClass);
	}

	record Customizer(Class<?> testClass) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			String name = this.testClass.getSimpleName().toLowerCase(Locale.ROOT) + "_"
					+ Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
			String schema = "t_" + name;
			String prefix = "test:" + name + ":";
			OnKafka.Broker.properties(this.testClass, name).applyTo(context);
			TestPropertyValues.of(Map.of("concert.challenge.hmac-key", CHALLENGE_HMAC_KEY))
				.and(Map.of("spring.datasource.url",
						POSTGRES + "?currentSchema=" + schema + "&reWriteBatchedInserts=true",
						"spring.datasource.username", "postgres", "spring.datasource.hikari.minimum-idle", "2",
						"spring.flyway.schemas", schema, "spring.data.redis.host", "127.0.0.1",
						"concert.queue.key-prefix", prefix, "concert.queue.token-secret", QUEUE_TOKEN_SECRET,
						"concert.tickets.private-key", TICKET_PRIVATE_KEY, "concert.tickets.public-key",
						TICKET_PUBLIC_KEY, "spring.security.oauth2.resourceserver.jwt.issuer-uri", TestIssuer.ISSUER))
				.applyTo(context);
			// A class, not a lambda: Spring Modulith's event multicaster cannot tell a
			// lambda's event type and would hand it every event.
			context.addApplicationListener(new ApplicationListener<ContextClosedEvent>() {
				@Override
				public void onApplicationEvent(ContextClosedEvent event) {
					drop(context, schema, prefix);
				}
			});
		}

		private static void drop(ConfigurableApplicationContext context, String schema, String prefix) {
			try (SingleConnectionDataSource ds = new SingleConnectionDataSource(POSTGRES, "postgres", "", true)) {
				new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			}
			StringRedisTemplate redis = context.getBeanProvider(StringRedisTemplate.class).getIfAvailable();
			if (redis != null) {
				Set<String> keys = redis.keys(prefix + "*");
				if (keys != null && !keys.isEmpty()) {
					redis.delete(keys);
				}
			}
		}

	}

}
