package dev.ticketing.support;

import java.util.concurrent.ThreadLocalRandom;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * An empty database of its own for a migration test, in PostgreSQL (a schema, dropped on
 * close) or in the embedded mode's H2 (in memory), migrated step by step with the
 * project's migrations: rows written between two steps show what a later migration does
 * to data stored before it.
 */
public final class MigrationDatabase implements AutoCloseable {

	private final String database;

	private final String schema;

	private final String[] locations;

	private final SingleConnectionDataSource source;

	private final JdbcTemplate sql;

	/**
	 * @param database {@code postgres} or {@code h2}
	 * @param locations the migration folders to apply
	 */
	public MigrationDatabase(String database, String prefix, String... locations) {
		this.database = database;
		this.schema = prefix + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
		this.locations = locations;
		String url = isPostgres() ? IsolatedStores.POSTGRES + "?currentSchema=" + this.schema
				: "jdbc:h2:mem:" + this.schema + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
		this.source = new SingleConnectionDataSource(url, isPostgres() ? "postgres" : "sa", "", true);
		this.sql = new JdbcTemplate(this.source);
	}

	public JdbcTemplate sql() {
		return this.sql;
	}

	/** Applies the migrations up to {@code version}. */
	public void migrateTo(String version) {
		flyway().target(version).load().migrate();
	}

	/** Applies every migration not applied yet. */
	public void migrate() {
		flyway().load().migrate();
	}

	private FluentConfiguration flyway() {
		FluentConfiguration flyway = Flyway.configure().dataSource(this.source).locations(this.locations);
		return isPostgres() ? flyway.schemas(this.schema) : flyway;
	}

	private boolean isPostgres() {
		return this.database.equals("postgres");
	}

	@Override
	public void close() {
		try {
			if (isPostgres()) {
				this.sql.execute("DROP SCHEMA IF EXISTS " + this.schema + " CASCADE");
			}
		}
		finally {
			this.source.destroy();
		}
	}

}
