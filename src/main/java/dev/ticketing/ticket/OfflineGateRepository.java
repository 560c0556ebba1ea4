package dev.ticketing.ticket;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What gates without signal need of the ticket table: the voided tickets of a concert to
 * take along, and the check-in of a scan made offline, at its own time.
 */
@Repository
class OfflineGateRepository {

	/** A row without a check-in, told apart from no row. */
	private static final Ticket.CheckIn NO_CHECK_IN = new Ticket.CheckIn("", Instant.EPOCH, null);

	private final JdbcClient jdbc;

	OfflineGateRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The concert's tickets whose first codes open no door: refunded, or with codes
	 * voided (a version above the first).
	 */
	List<Voided> voided(ConcertId concert) {
		return this.jdbc.sql("""
				SELECT id, version, status FROM ticket
				 WHERE concert_id = ? AND (status = 'REFUNDED' OR version > 1)
				 ORDER BY id""")
			.param(concert.value())
			.query((rs, row) -> new Voided(new TicketId(rs.getObject("id", UUID.class)), rs.getInt("version"),
					Ticket.Status.valueOf(rs.getString("status"))))
			.list();
	}

	/**
	 * Admits the ticket as of {@code at}, the time an offline gate scanned it, if its
	 * code is current, it is for this concert and still valid, and no gate admitted it
	 * before {@code at}: the one statement that decides a synced scan. A scan earlier
	 * than the recorded first one takes its place if that was an offline scan too, so the
	 * earliest scan wins whichever gate syncs first; a check-in made online stays, as the
	 * fan it admitted is inside and the gate that did it was told so. Of scans racing,
	 * the row lock orders them and each sees the last one's time.
	 */
	boolean checkInAsOf(TicketId id, int version, ConcertId concert, String gate, UserId by, Instant at) {
		return this.jdbc.sql("""
				UPDATE ticket SET checked_in_at = ?, checked_in_gate = ?, checked_in_by = ?, checked_in_online = FALSE
				 WHERE id = ? AND version = ? AND concert_id = ? AND status = 'VALID'
				   AND (checked_in_at IS NULL OR (checked_in_at > ? AND checked_in_online = FALSE))""")
			.params(Timestamp.from(at), gate, (by != null) ? by.value() : null, id.value(), version, concert.value(),
					Timestamp.from(at))
			.update() == 1;
	}

	/**
	 * The ticket's check-in as it stands, its row locked until the transaction ends: so
	 * that a synced scan knows which check-in its UPDATE replaced, if any.
	 */
	Optional<Ticket.CheckIn> lockCheckIn(TicketId id) {
		return this.jdbc.sql("SELECT checked_in_gate, checked_in_at FROM ticket WHERE id = ? FOR UPDATE")
			.param(id.value())
			.query((rs, row) -> {
				Timestamp at = rs.getTimestamp("checked_in_at");
				return (at != null) ? new Ticket.CheckIn(rs.getString("checked_in_gate"), at.toInstant(), null)
						: NO_CHECK_IN;
			})
			.optional()
			.filter((checkIn) -> checkIn != NO_CHECK_IN);
	}

	/** A ticket whose codes of a version below {@code version} are void. */
	record Voided(TicketId ticket, int version, Ticket.Status status) {
	}

}
