package dev.ticketing.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.support.IsolatedStores;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live hold is said once per language: the SQL and the Java check agree to the
 * millisecond, no other source says it in words of its own, and the seat claims' script
 * names the rule it mirrors.
 */
class LiveHoldTests {

	/** A live-hold predicate written out in SQL: a status of HELD and an expiry. */
	private static final Pattern SQL_PREDICATE = Pattern.compile("status\\s*=\\s*'HELD'\\s+AND\\s+[\\w.]*expires_at",
			Pattern.CASE_INSENSITIVE);

	/** A live-hold check written out in Java on a reservation's expiry. */
	private static final Pattern JAVA_CHECK = Pattern.compile("expiresAt(\\(\\))?\\.(isAfter|isBefore)\\(");

	@ParameterizedTest
	@ValueSource(longs = { -1, 0, 1 })
	void theSqlAndTheJavaCheckAgreeOnAHoldEndingAroundNowInPostgres(long endsAfterNowMillis) {
		Instant now = Instant.parse("2027-03-01T10:00:00.123Z");
		Instant ends = now.plusMillis(endsAfterNowMillis);
		try (SingleConnectionDataSource ds = new SingleConnectionDataSource(IsolatedStores.POSTGRES, "postgres", "",
				true)) {
			Boolean live = new NamedParameterJdbcTemplate(ds).queryForObject(
					"SELECT " + LiveHold.sql("h.status", "h.ends_at")
							+ " FROM (SELECT 'HELD' AS status, CAST(:ends AS TIMESTAMP WITH TIME ZONE) AS ends_at) h",
					new MapSqlParameterSource().addValue("ends", Timestamp.from(ends))
						.addValue("now", Timestamp.from(now)),
					Boolean.class);
			assertThat(live).isEqualTo(LiveHold.isLive(ends, now)).isEqualTo(endsAfterNowMillis > 0);
		}
	}

	@Test
	void noOtherSourceSaysWhatALiveHoldIs() throws IOException {
		try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
			List<String> ownWords = files.filter((file) -> file.toString().endsWith(".java"))
				.filter((file) -> !file.endsWith(Path.of("dev", "ticketing", "common", "LiveHold.java")))
				.filter((file) -> {
					String source = read(file);
					return SQL_PREDICATE.matcher(source).find() || JAVA_CHECK.matcher(source).find();
				})
				.map(Path::toString)
				.toList();
			assertThat(ownWords).as("sources that say what a live hold is instead of asking LiveHold").isEmpty();
		}
	}

	@Test
	void theSeatClaimsScriptNamesTheRuleItMirrors() throws IOException {
		assertThat(Files.readString(Path.of("src", "main", "resources", "reservation", "claims.lua")))
			.contains("dev.ticketing.common.LiveHold")
			.contains("ends > now");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
