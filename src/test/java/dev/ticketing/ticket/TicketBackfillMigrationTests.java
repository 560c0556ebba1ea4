package dev.ticketing.ticket;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.support.MigrationDatabase;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reservations paid before tickets existed get the ticket their payment would have
 * issued, in PostgreSQL and in the embedded mode's H2 alike: every PAID reservation has
 * exactly one afterwards, a ticket issued before is kept as it was, and nothing else gets
 * one. Check-ins recorded before it are taken as made offline, as they were treated.
 */
class TicketBackfillMigrationTests {

	private static final String[] LOCATIONS = { "classpath:db/migration/concert", "classpath:db/migration/reservation",
			"classpath:db/migration/point", "classpath:db/migration/payment", "classpath:db/migration/idempotency",
			"classpath:db/migration/ticket", "classpath:db/migration/auditlog" };

	@ParameterizedTest
	@ValueSource(strings = { "postgres", "h2" })
	void everyPaidReservationHasATicketAfterwards(String database) {
		try (MigrationDatabase db = new MigrationDatabase(database, "t_backfill_", LOCATIONS)) {
			JdbcTemplate sql = db.sql();
			db.migrateTo("36");
			UUID before = reservation(sql, "PAID");
			UUID issued = reservation(sql, "PAID");
			UUID ticket = UUID.randomUUID();
			sql.update("""
					INSERT INTO ticket (id, reservation_id, concert_id, concert_date_id, seat_id, holder_id, version,
					                    status, issued_at, checked_in_at, checked_in_gate)
					SELECT ?, id, concert_id, concert_date_id, seat_id, user_id, 2, 'VALID', now(), now(), 'North 1'
					  FROM reservation WHERE id = ?""", ticket, issued);
			UUID held = reservation(sql, "HELD");
			UUID refunded = reservation(sql, "REFUNDED");

			db.migrate();

			Map<String, Object> backfilled = sql.queryForMap("""
					SELECT t.version, t.status, t.checked_in_at, t.issued_at = r.paid_at AS issued_when_paid,
					       t.holder_id = r.user_id AS held_by_buyer
					  FROM ticket t JOIN reservation r ON r.id = t.reservation_id WHERE r.id = ?""", before);
			assertThat(backfilled).containsEntry("version", 1)
				.containsEntry("status", "VALID")
				.containsEntry("issued_when_paid", true)
				.containsEntry("held_by_buyer", true);
			assertThat(backfilled.get("checked_in_at")).isNull();
			assertThat(sql.queryForMap("SELECT id, version, checked_in_online FROM ticket WHERE reservation_id = ?",
					issued))
				.as("issued before: kept, its check-in taken as offline")
				.containsEntry("id", ticket)
				.containsEntry("version", 2)
				.containsEntry("checked_in_online", false);
			assertThat(tickets(sql, held)).isZero();
			assertThat(tickets(sql, refunded)).isZero();
			assertThat(sql.queryForObject("""
					SELECT count(*) FROM reservation r
					 WHERE r.status = 'PAID' AND (SELECT count(*) FROM ticket t WHERE t.reservation_id = r.id) <> 1""",
					Long.class))
				.isZero();
		}
	}

	private static UUID reservation(JdbcTemplate sql, String status) {
		UUID id = UUID.randomUUID();
		boolean paid = List.of("PAID", "REFUNDED").contains(status);
		sql.update(
				"""
						INSERT INTO reservation (id, user_id, concert_id, concert_date_id, seat_id, price, status, held_at,
						                         expires_at%s)
						VALUES (?, ?, ?, 1, ?, 100, ?, now() - INTERVAL '1' HOUR, now()%s)"""
					.formatted(paid ? ", paid_at" : "", paid ? ", now()" : ""),
				id, UUID.randomUUID(), UUID.randomUUID(), ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE),
				status);
		return id;
	}

	private static long tickets(JdbcTemplate sql, UUID reservation) {
		return sql.queryForObject("SELECT count(*) FROM ticket WHERE reservation_id = ?", Long.class, reservation);
	}

}
