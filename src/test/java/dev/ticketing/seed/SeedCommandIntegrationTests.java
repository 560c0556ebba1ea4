package dev.ticketing.seed;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ticketing.ConcertBookingApplication;
import dev.ticketing.support.IsolatedStores;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code seed} command against the real PostgreSQL, in a schema of its own.
 */
class SeedCommandIntegrationTests {

	@TempDir
	Path out;

	@Test
	void seedsTheDatabaseAndWritesTheIdFilesInTheLoadTestClientsFormat() throws Exception {
		String schema = "t_seed_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
		long started = System.nanoTime();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ConcertBookingApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("prod")
			.properties("concert.command=seed")
			.run("--spring.datasource.url=" + IsolatedStores.POSTGRES + "?currentSchema=" + schema
					+ "&reWriteBatchedInserts=true", "--spring.flyway.schemas=" + schema, "--concerts", "2",
					"--dates-per-concert", "2", "--seats-per-date", "1000", "--rich-users", "3000", "--poor-users",
					"500", "--price", "70000", "--sections", "4", "--rows", "10", "--out", this.out.toString())) {
			System.out.printf("seed of 4,000 seats and 3,500 users took %d ms (with start-up)%n",
					(System.nanoTime() - started) / 1_000_000);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM seat WHERE status = 'AVAILABLE' AND price = 70000",
					Long.class))
				.isEqualTo(4_000);
			assertThat(jdbc.queryForObject("SELECT count(DISTINCT seat_number) FROM seat", Long.class))
				.isEqualTo(1_000);
			assertThat(jdbc.queryForObject("SELECT count(DISTINCT section) FROM seat", Long.class)).isEqualTo(4);
			assertThat(jdbc.queryForObject("SELECT count(DISTINCT section || '-' || row_label) FROM seat", Long.class))
				.isEqualTo(40);
			assertThat(jdbc.queryForObject("SELECT label FROM seat WHERE seat_number = 1000 LIMIT 1", String.class))
				.as("25 seats per row, the last of section D's row 10")
				.isEqualTo("D-10-25");
			assertThat(jdbc.queryForObject("SELECT count(*) FROM concert WHERE status = 'ON_SALE'", Long.class))
				.as("made through the organiser's steps, put on sale")
				.isEqualTo(2);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM wallet", Long.class)).isEqualTo(3_500);
			assertThat(jdbc.queryForObject("SELECT min(balance) FROM wallet WHERE balance > 0", Long.class))
				.as("a rich user can pay for every seat")
				.isGreaterThanOrEqualTo(70_000L * 4_000);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM wallet WHERE balance = 0", Long.class)).isEqualTo(500);
			assertThat(jdbc.queryForObject(
					"SELECT count(*) FROM wallet w WHERE balance <> (SELECT coalesce(sum(amount), 0) FROM point_ledger l WHERE l.user_id = w.user_id)",
					Long.class))
				.as("every balance equals its ledger")
				.isZero();

			ObjectMapper json = context.getBean(ObjectMapper.class);
			JsonNode users = json.readTree(this.out.resolve("test-userId-v2.json").toFile());
			assertThat(users.get("rich_users")).hasSize(3_000);
			assertThat(users.get("poor_users")).hasSize(500);
			String richId = users.get("rich_users").get(0).get("id").asString();
			assertThat(jdbc.queryForObject("SELECT balance FROM wallet WHERE user_id = ?", Long.class,
					UUID.fromString(richId)))
				.isPositive();
			JsonNode concerts = json.readTree(this.out.resolve("test-concertId.json").toFile());
			assertThat(concerts.get("concert")).hasSize(2);
			String concertId = concerts.get("concert").get(0).get("id").asString();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM concert_date WHERE concert_id = ?", Long.class,
					UUID.fromString(concertId)))
				.isEqualTo(2);
		}
		finally {
			try (SingleConnectionDataSource ds = new SingleConnectionDataSource(IsolatedStores.POSTGRES, "postgres", "",
					true)) {
				new JdbcTemplate(ds).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			}
		}
	}

}
