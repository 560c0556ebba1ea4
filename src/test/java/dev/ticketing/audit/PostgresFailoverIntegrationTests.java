package dev.ticketing.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.support.FailoverSale;
import dev.ticketing.support.Instances;
import dev.ticketing.support.LocalDeploy;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL primary is killed (SIGKILL of its postmaster) in the middle of a sale,
 * on a Patroni cluster of this test's own (deploy/local/postgres-ha.sh: one etcd, two
 * nodes in synchronous mode, HAProxy routing to the primary by Patroni's REST check) that
 * the service reaches through HAProxy only. Every payment answered 200 is on the new
 * primary, the audit finds no seat held or sold twice, the service answers 503 with
 * Retry-After meanwhile (never 500) and sells again within 30 s without being touched,
 * and afterwards every connection of its pool is to the new primary.
 */
class PostgresFailoverIntegrationTests {

	static final int ETCD_PORT = 23795;

	static final int PG_BASE_PORT = 5436;

	static final int REST_BASE_PORT = 8011;

	static final int HAPROXY_PORT = 5005;

	static final Duration RECOVERY = Duration.ofSeconds(30);

	static Path dir;

	static Instances instances;

	static ConfigurableApplicationContext service;

	@BeforeAll
	static void start() throws Exception {
		LocalDeploy.requireTools("patroni", "etcd", "haproxy");
		dir = Files.createTempDirectory("postgres-failover");
		System.out.println(LocalDeploy.run("postgres-ha.sh", "start", dir, environment()));
		instances = new Instances("pgfailover", "", "jdbc:postgresql://127.0.0.1:" + HAPROXY_PORT + "/postgres");
		service = instances.start(FailoverSale.serviceArguments("--logging.level.com.zaxxer.hikari=OFF"));
	}

	@AfterAll
	static void stop() throws Exception {
		try {
			if (instances != null) {
				instances.close();
			}
		}
		finally {
			if (dir != null) {
				LocalDeploy.run("postgres-ha.sh", "stop", dir, environment());
			}
		}
	}

	static Map<String, String> environment() {
		return Map.of("PG_HA_NODES", "2", "PG_HA_ETCD_PORT", Integer.toString(ETCD_PORT), "PG_HA_PG_BASE_PORT",
				Integer.toString(PG_BASE_PORT), "PG_HA_REST_BASE_PORT", Integer.toString(REST_BASE_PORT),
				"PG_HA_HAPROXY_PORT", Integer.toString(HAPROXY_PORT), "PG_HA_STATS_PORT",
				Integer.toString(HAPROXY_PORT + 1));
	}

	@Test
	void killingThePrimaryMidSaleCostsSecondsOf503AndNoCommittedPayment() throws Exception {
		FailoverSale sale = FailoverSale.of(service);
		JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
		int oldPrimary = jdbc.queryForObject("SELECT inet_server_port()", Integer.class);
		sale.run(() -> {
			try {
				Path postmaster = dir.resolve("pg" + (oldPrimary - PG_BASE_PORT)).resolve("data/postmaster.pid");
				LocalDeploy.process(postmaster).destroyForcibly();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});

		System.out.println("Primary failover sale: " + sale);
		System.out.println("HAProxy's log:\n" + LocalDeploy.haproxyLog(dir));
		sale.assertOnlyRetryable503sEndingWithin(RECOVERY);
		assertThat(sale.heldAfterRecovery.get()).as("fans hold after the switch").isPositive();
		assertThat(sale.paidAfterRecovery.get()).as("fans pay after the switch").isPositive();

		Set<String> committed = jdbc.execute((ConnectionCallback<Set<String>>) (connection) -> {
			assertThat(serverOf(connection)).as("the new primary").isNotEqualTo(new Server(oldPrimary, false));
			Set<String> ids = new HashSet<>();
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT reservation_id::text FROM payment")) {
				while (rows.next()) {
					ids.add(rows.getString(1));
				}
			}
			return ids;
		});
		assertThat(committed).as("every payment answered 200 is on the new primary").containsAll(sale.paid);
		assertEveryPooledConnectionIsToTheNewPrimary(oldPrimary);

		Audits.assertPasses(service);
	}

	/**
	 * Takes every connection the pool may hold at once, so none of those it kept from
	 * before the kill escapes: each is to a server that is not in recovery, and that
	 * server is not the old primary (which has since come back as a standby).
	 */
	private static void assertEveryPooledConnectionIsToTheNewPrimary(int oldPrimary) throws Exception {
		HikariDataSource pool = service.getBean(HikariDataSource.class);
		List<Connection> all = new ArrayList<>();
		try {
			for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
				all.add(pool.getConnection());
			}
			assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(all.size());
			Set<Server> servers = new HashSet<>();
			for (Connection connection : all) {
				servers.add(serverOf(connection));
			}
			System.out.println("Servers of the pool's " + all.size() + " connections after the switch: " + servers);
			assertThat(servers).hasSize(1).allSatisfy((server) -> {
				assertThat(server.inRecovery()).isFalse();
				assertThat(server.port()).isNotEqualTo(oldPrimary);
			});
		}
		finally {
			for (Connection connection : all) {
				connection.close();
			}
		}
	}

	private static Server serverOf(Connection connection) throws java.sql.SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet row = statement.executeQuery("SELECT inet_server_port(), pg_is_in_recovery()")) {
			row.next();
			return new Server(row.getInt(1), row.getBoolean(2));
		}
	}

	record Server(int port, boolean inRecovery) {
	}

}
