package dev.ticketing.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service (the jar the failsafe plugin names in {@code app.jar}) run as its
 * operators run it, in the prod profile on a PostgreSQL schema and a Redis key prefix of
 * one test's own: its commands ({@code seed}, {@code audit}) and its instances.
 */
public final class ServiceJar {

	private final String schema;

	private final String prefix;

	/**
	 * @param schema the test's PostgreSQL schema (local PostgreSQL, database test)
	 * @param prefix the test's Redis key prefix (local Redis)
	 */
	public ServiceJar(String schema, String prefix) {
		this.schema = schema;
		this.prefix = prefix;
	}

	/** {@code java -Xmx512m -jar <app.jar> args}. */
	public List<String> command(String... args) {
		List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", jar()));
		command.addAll(List.of(args));
		return command;
	}

	/**
	 * The environment of every process of the service: the prod profile on the test's
	 * schema and prefix, the test keys, and the {@link TestIssuer}'s sign-in.
	 */
	public Map<String, String> environment() {
		Map<String, String> env = new HashMap<>();
		env.put("SPRING_PROFILES_ACTIVE", "prod");
		env.put("SPRING_DATASOURCE_URL",
				IsolatedStores.POSTGRES + "?currentSchema=" + this.schema + "&reWriteBatchedInserts=true");
		env.put("SPRING_DATASOURCE_USERNAME", "postgres");
		env.put("SPRING_FLYWAY_SCHEMAS", this.schema);
		env.put("SPRING_DATA_REDIS_HOST", "127.0.0.1");
		env.put("CONCERT_QUEUE_KEY_PREFIX", this.prefix);
		env.put("CONCERT_QUEUE_TOKEN_SECRET", IsolatedStores.QUEUE_TOKEN_SECRET);
		env.put("CONCERT_CHALLENGE_HMAC_KEY", IsolatedStores.CHALLENGE_HMAC_KEY);
		env.put("CONCERT_TICKETS_PRIVATE_KEY", IsolatedStores.TICKET_PRIVATE_KEY);
		env.put("CONCERT_TICKETS_PUBLIC_KEY", IsolatedStores.TICKET_PUBLIC_KEY);
		env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI", TestIssuer.ISSUER);
		return env;
	}

	/**
	 * Runs one of the jar's commands to its end (at most 5 minutes: a JVM starting on two
	 * busy cores) with {@code more} added to the environment, its output in {@code log};
	 * returns its exit status.
	 */
	public int run(Path log, Map<String, String> more, String... args) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment());
		builder.environment().putAll(more);
		Process process = builder.start();
		assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(args[0] + " finishes").isTrue();
		return process.exitValue();
	}

	/**
	 * The service's own integrity audit, run as the load tests run it, against the test's
	 * schema and queue; fails the test unless it passes.
	 */
	public void assertAuditPasses(Path report, Map<String, String> more) throws IOException, InterruptedException {
		int exit = run(report, more, "audit");
		assertThat(exit).as(Files.readString(report)).isZero();
		assertThat(Files.readString(report)).contains("AUDIT PASSED");
	}

	/** The reservations of the test's schema that have a payment. */
	public List<String> paidReservations() {
		try (SingleConnectionDataSource ds = postgres()) {
			return new JdbcTemplate(ds).queryForList("SELECT reservation_id::text FROM payment", String.class);
		}
	}

	/** Drops the test's schema and removes its keys. */
	public void cleanUp() {
		try (SingleConnectionDataSource ds = postgres()) {
			new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}
		LettuceConnectionFactory redis = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 6379));
		redis.afterPropertiesSet();
		redis.start();
		try {
			StringRedisTemplate template = new StringRedisTemplate(redis);
			Set<String> keys = template.keys(this.prefix + "*");
			if (keys != null && !keys.isEmpty()) {
				template.delete(keys);
			}
		}
		finally {
			redis.destroy();
		}
	}

	/** The JVM running the tests: a JDK 25. */
	public static String java() {
		return ProcessHandle.current().info().command().orElseThrow();
	}

	/** The packaged service, set by the failsafe plugin. */
	public static String jar() {
		String jar = System.getProperty("app.jar");
		assertThat(jar).as("app.jar, set by the failsafe plugin").isNotNull();
		assertThat(Path.of(jar)).exists();
		return jar;
	}

	private SingleConnectionDataSource postgres() {
		return new SingleConnectionDataSource(IsolatedStores.POSTGRES + "?currentSchema=" + this.schema, "postgres", "",
				true);
	}

}
