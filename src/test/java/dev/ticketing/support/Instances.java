package dev.ticketing.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import dev.ticketing.ConcertBookingApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Service instances in the prod profile that a test class starts itself, all on one
 * PostgreSQL schema and one Redis key prefix of their own, as several pods behind a load
 * balancer share them. {@link #close} stops them and removes what they left behind.
 */
public final class Instances implements AutoCloseable {

	private static final String MINIMUM_IDLE = "--spring.datasource.hikari.minimum-idle=";

	private final String schema;

	private final String prefix;

	private final String jdbcParameters;

	private final String postgres;

	private final List<ConfigurableApplicationContext> started = new ArrayList<>();

	/**
	 * @param name what the schema and the key prefix are named after
	 */
	public Instances(String name) {
		this(name, "");
	}

	/**
	 * @param name what the schema and the key prefix are named after
	 * @param jdbcParameters appended to the JDBC URL, each as {@code &key=value}
	 */
	public Instances(String name, String jdbcParameters) {
		this(name, jdbcParameters, IsolatedStores.POSTGRES);
	}

	/**
	 * @param name what the schema and the key prefix are named after
	 * @param jdbcParameters appended to the JDBC URL, each as {@code &key=value}
	 * @param postgres the JDBC URL (without parameters) of the PostgreSQL they share
	 */
	public Instances(String name, String jdbcParameters, String postgres) {
		this.jdbcParameters = jdbcParameters;
		this.postgres = postgres;
		String unique = name + "_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
		this.schema = "t_" + unique;
		this.prefix = "test:" + unique + ":";
	}

	/** The Redis key prefix every instance uses. */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * Starts one more instance with {@code arguments} on top of the shared stores. A
	 * small idle pool is the default unless {@code arguments} set one: a setting given
	 * twice would reach Spring as a list.
	 */
	public ConfigurableApplicationContext start(String... arguments) {
		List<String> all = new ArrayList<>(List.of("--concert.queue.key-prefix=" + this.prefix));
		if (Stream.of(arguments).noneMatch((argument) -> argument.startsWith(MINIMUM_IDLE))) {
			all.add(MINIMUM_IDLE + "2");
		}
		all.addAll(List.of(arguments));
		ConfigurableApplicationContext instance = new SpringApplicationBuilder(ConcertBookingApplication.class)
			.profiles("prod")
			.run(IsolatedStores.prodArguments(this.postgres, this.schema, this.jdbcParameters,
					all.toArray(String[]::new)));
		this.started.add(instance);
		return instance;
	}

	/** The public API of {@code instance}. */
	public static Api api(ConfigurableApplicationContext instance) {
		return new Api(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")));
	}

	/**
	 * Stops every instance and drops the schema. The keys are removed where Redis
	 * answers; a test that stopped its own private Redis has nothing left to remove.
	 */
	@Override
	public void close() {
		if (!this.started.isEmpty()) {
			try {
				StringRedisTemplate redis = this.started.getFirst().getBean(StringRedisTemplate.class);
				Set<String> keys = redis.keys(this.prefix + "*");
				if (keys != null && !keys.isEmpty()) {
					redis.delete(keys);
				}
			}
			catch (DataAccessException ex) {
				// Redis is gone with the private server the test stopped.
			}
		}
		this.started.reversed().forEach(ConfigurableApplicationContext::close);
		try (SingleConnectionDataSource ds = new SingleConnectionDataSource(this.postgres, "postgres", "", true)) {
			new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
		}
	}

}
