package dev.ticketing.reservation;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.support.MigrationDatabase;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations stored before their states took the words they are shown with (PAID was
 * CONFIRMED, CANCELLED was EXPIRED with a cancelled_at) read as they were shown, in
 * PostgreSQL and in the embedded mode's H2 alike.
 */
class ReservationStatesMigrationTests {

	private static final String[] LOCATIONS = { "classpath:db/migration/concert", "classpath:db/migration/reservation",
			"classpath:db/migration/point", "classpath:db/migration/payment", "classpath:db/migration/idempotency" };

	@ParameterizedTest
	@ValueSource(strings = { "postgres", "h2" })
	void storedStatesBecomeTheShownOnesAndOnlyThoseAreAccepted(String database) {
		try (MigrationDatabase db = new MigrationDatabase(database, "t_states_", LOCATIONS)) {
			JdbcTemplate sql = db.sql();
			db.migrateTo("14");
			UUID paid = reservation(sql, "CONFIRMED", false);
			UUID cancelled = reservation(sql, "EXPIRED", true);
			UUID expired = reservation(sql, "EXPIRED", false);
			UUID held = reservation(sql, "HELD", false);
			UUID refunded = reservation(sql, "REFUNDED", false);

			db.migrate();

			assertThat(statuses(sql, paid, cancelled, expired, held, refunded)).containsExactly("PAID", "CANCELLED",
					"EXPIRED", "HELD", "REFUNDED");
			assertThat(sql.queryForObject("SELECT count(*) FROM reservation WHERE paid_at IS NOT NULL", Long.class))
				.as("paid_at kept when it was paid")
				.isEqualTo(2);
			assertThat(List.of(ReservationStatus.values()))
				.allSatisfy((status) -> reservation(sql, status.name(), false));
			assertThat(accepts(sql, "CONFIRMED")).as("the old word is refused").isFalse();
		}
	}

	/**
	 * A reservation in {@code status}, paid if the status says so, and cancelled if
	 * asked.
	 */
	private static UUID reservation(JdbcTemplate sql, String status, boolean cancelled) {
		UUID id = UUID.randomUUID();
		String when = cancelled ? ", cancelled_at"
				: List.of("CONFIRMED", "PAID", "REFUNDED").contains(status) ? ", " + paidAtColumn(sql) : "";
		sql.update("""
				INSERT INTO reservation (id, user_id, concert_id, concert_date_id, seat_id, price, status, held_at,
				                         expires_at%s)
				VALUES (?, ?, ?, 1, 1, 100, ?, now(), now()%s)""".formatted(when, when.isEmpty() ? "" : ", now()"), id,
				UUID.randomUUID(), UUID.randomUUID(), status);
		return id;
	}

	/** When it was paid, under the column's name before or after the renaming. */
	private static String paidAtColumn(JdbcTemplate sql) {
		try {
			sql.queryForList("SELECT paid_at FROM reservation WHERE 1 = 0");
			return "paid_at";
		}
		catch (DataAccessException ex) {
			return "confirmed_at";
		}
	}

	private static boolean accepts(JdbcTemplate sql, String status) {
		try {
			reservation(sql, status, false);
			return true;
		}
		catch (DataIntegrityViolationException ex) {
			return false;
		}
	}

	private static List<String> statuses(JdbcTemplate sql, UUID... ids) {
		return Arrays.stream(ids)
			.map((id) -> sql.queryForObject("SELECT status FROM reservation WHERE id = ?", String.class, id))
			.toList();
	}

}
