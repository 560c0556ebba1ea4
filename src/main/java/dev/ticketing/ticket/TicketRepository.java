package dev.ticketing.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;
import dev.ticketing.reservation.ReservationId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ticket table. Voiding and checking in are each one conditional UPDATE whose row
 * count decides.
 */
@Repository
class TicketRepository {

	private static final String COLUMNS = """
			id, reservation_id, concert_id, concert_date_id, seat_id, holder_id, version, status, issued_at,
			checked_in_at, checked_in_gate, checked_in_by""";

	private final JdbcClient jdbc;

	TicketRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Ticket ticket) {
		this.jdbc.sql("""
				INSERT INTO ticket (id, reservation_id, concert_id, concert_date_id, seat_id, holder_id, version,
				                    status, issued_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(ticket.id().value(), ticket.reservationId().value(), ticket.concertId().value(),
					ticket.concertDateId().value(), ticket.seatId().value(), ticket.holder().value(), ticket.version(),
					ticket.status().name(), Timestamp.from(ticket.issuedAt()))
			.update();
	}

	Optional<Ticket> find(TicketId id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE id = ?")
			.param(id.value())
			.query(TicketRepository::ticket)
			.optional();
	}

	/**
	 * The holder's latest tickets, newest first, each with when it was given to them
	 * (null: they bought it).
	 */
	List<Holding> heldBy(UserId holder, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + """
				, (SELECT max(t.transferred_at) FROM ticket_transfer t
				    WHERE t.ticket_id = ticket.id AND t.to_holder = ticket.holder_id) AS received_at
				  FROM ticket WHERE holder_id = ? ORDER BY issued_at DESC LIMIT ?""")
			.params(holder.value(), limit)
			.query((rs, row) -> {
				Timestamp received = rs.getTimestamp("received_at");
				return new Holding(ticket(rs, row), (received != null) ? received.toInstant() : null);
			})
			.list();
	}

	/**
	 * A ticket its holder holds, given to them at {@code receivedAt}, or bought (null).
	 */
	record Holding(Ticket ticket, Instant receivedAt) {
	}

	/**
	 * Gives a valid ticket not yet admitted from {@code from} to {@code to} with a new
	 * version: every code {@code from} was shown answers VOIDED from this commit on. The
	 * one statement that decides a transfer against a check-in, a refund or another
	 * transfer of the ticket at the same moment: whichever updates the row first wins,
	 * and this one then finds nothing.
	 * @return whether it was given
	 */
	boolean transfer(TicketId id, UserId from, UserId to) {
		return this.jdbc.sql("""
				UPDATE ticket SET holder_id = ?, version = version + 1
				 WHERE id = ? AND holder_id = ? AND status = 'VALID' AND checked_in_at IS NULL""")
			.params(to.value(), id.value(), from.value())
			.update() == 1;
	}

	/** Records a transfer in the ticket's history of holders. */
	void recordTransfer(TicketId id, UserId from, UserId to, Instant at) {
		this.jdbc.sql("""
				INSERT INTO ticket_transfer (id, ticket_id, from_holder, to_holder, transferred_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID(), id.value(), from.value(), to.value(), Timestamp.from(at))
			.update();
	}

	/** Whether {@code user} held the ticket once and gave it away. */
	boolean gaveAway(TicketId id, UserId user) {
		return this.jdbc.sql("SELECT count(*) FROM ticket_transfer WHERE ticket_id = ? AND from_holder = ?")
			.params(id.value(), user.value())
			.query(Integer.class)
			.single() > 0;
	}

	Optional<Ticket> findByReservation(ReservationId reservation) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM ticket WHERE reservation_id = ?")
			.param(reservation.value())
			.query(TicketRepository::ticket)
			.optional();
	}

	/**
	 * VALID → REFUNDED with a new version, unless admitted at a gate: every code issued
	 * before is void from this commit on.
	 * @return whether a ticket was voided (false: none for that reservation, refunded
	 * already, or admitted)
	 */
	boolean refund(ReservationId reservation, Instant now) {
		return this.jdbc.sql("""
				UPDATE ticket SET status = 'REFUNDED', version = version + 1, voided_at = ?
				 WHERE reservation_id = ? AND status = 'VALID' AND checked_in_at IS NULL""")
			.params(Timestamp.from(now), reservation.value())
			.update() == 1;
	}

	/**
	 * A new version of a valid ticket not yet admitted: every code issued before answers
	 * VOIDED from this commit on.
	 * @return whether it was voided (false: refunded, or admitted already)
	 */
	boolean voidCodes(TicketId id, UserId holder) {
		return this.jdbc.sql("""
				UPDATE ticket SET version = version + 1
				 WHERE id = ? AND holder_id = ? AND status = 'VALID' AND checked_in_at IS NULL""")
			.params(id.value(), holder.value())
			.update() == 1;
	}

	/**
	 * Admits the ticket if, and only if, its code is current, it is for this concert,
	 * still valid and never admitted before: the one statement that decides a check-in.
	 * Of gates scanning one ticket at once, the first to update the row admits; the
	 * others wait for its row lock and then find it checked in (0 rows).
	 */
	boolean checkIn(TicketId id, int version, ConcertId concert, String gate, UserId by, Instant now) {
		return this.jdbc.sql("""
				UPDATE ticket SET checked_in_at = ?, checked_in_gate = ?, checked_in_by = ?, checked_in_online = TRUE
				 WHERE id = ? AND version = ? AND concert_id = ? AND status = 'VALID' AND checked_in_at IS NULL""")
			.params(Timestamp.from(now), gate, (by != null) ? by.value() : null, id.value(), version, concert.value())
			.update() == 1;
	}

	private static Ticket ticket(ResultSet rs, int row) throws SQLException {
		Timestamp checkedInAt = rs.getTimestamp("checked_in_at");
		UUID checkedInBy = rs.getObject("checked_in_by", UUID.class);
		Ticket.CheckIn checkIn = (checkedInAt != null) ? new Ticket.CheckIn(rs.getString("checked_in_gate"),
				checkedInAt.toInstant(), (checkedInBy != null) ? new UserId(checkedInBy) : null) : null;
		return new Ticket(new TicketId(rs.getObject("id", UUID.class)),
				new ReservationId(rs.getObject("reservation_id", UUID.class)),
				new ConcertId(rs.getObject("concert_id", UUID.class)), new ConcertDateId(rs.getLong("concert_date_id")),
				new SeatId(rs.getLong("seat_id")), new UserId(rs.getObject("holder_id", UUID.class)),
				rs.getInt("version"), Ticket.Status.valueOf(rs.getString("status")),
				rs.getTimestamp("issued_at").toInstant(), checkIn);
	}

}
