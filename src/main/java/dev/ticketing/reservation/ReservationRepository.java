package dev.ticketing.reservation;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.LiveHold;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class ReservationRepository {

	private static final String[] COLUMNS = { "id", "user_id", "concert_id", "concert_date_id", "seat_id", "price",
			"status", "held_at", "expires_at", "held_with_entry" };

	/** A live hold at {@code :now}, as {@link LiveHold} says. */
	private static final String LIVE_HOLD = LiveHold.sql("status", "expires_at");

	/** A hold that ran out at {@code :now}, unpaid: expired whether swept yet or not. */
	private static final String RUN_OUT_HOLD = LiveHold.runOutSql("status", "expires_at");

	private final JdbcClient jdbc;

	ReservationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Reservation r) {
		this.jdbc
			.sql("""
					INSERT INTO reservation (id, user_id, concert_id, concert_date_id, seat_id, price, status, held_at, expires_at,
					                         held_with_entry)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(r.id().value(), r.userId().value(), r.concertId().value(), r.concertDateId().value(),
					r.seatId().value(), r.price().value(), r.status().name(), Timestamp.from(r.heldAt()),
					Timestamp.from(r.expiresAt()), r.heldWith())
			.update();
	}

	Optional<Reservation> find(ReservationId id) {
		return this.jdbc.sql("SELECT " + String.join(", ", COLUMNS) + " FROM reservation WHERE id = ?")
			.param(id.value())
			.query()
			.listOfRows()
			.stream()
			.findFirst()
			.map(ReservationRepository::reservation);
	}

	/**
	 * HELD → PAID for the owner while the hold is live; the paid reservation comes back
	 * from the UPDATE itself, with no second read. Concurrent payments of one reservation
	 * queue on its row lock; all but the first then find it PAID and change nothing.
	 */
	Optional<Reservation> pay(ReservationId id, UserId user, ConcertId concert, Instant now) {
		KeyHolder confirmed = new GeneratedKeyHolder();
		int updated = this.jdbc.sql("""
				UPDATE reservation SET status = 'PAID', paid_at = :now
				 WHERE id = :id AND user_id = :user AND concert_id = :concert AND %s""".formatted(LIVE_HOLD))
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.param("user", user.value())
			.param("concert", concert.value())
			.update(confirmed, COLUMNS);
		return (updated == 1) ? Optional.of(reservation(confirmed.getKeys())) : Optional.empty();
	}

	/**
	 * PAID → REFUNDED, saying when; the refunded reservation comes back from the UPDATE
	 * itself. Of two refunds at once, the second waits on the row lock, then finds it
	 * REFUNDED and changes nothing.
	 * @param evenIfGiven false: only while the buyer still holds its ticket (a transfer
	 * racing the refund waits on the row lock, and one of the two finds the other done)
	 */
	Optional<Reservation> refund(ReservationId id, boolean evenIfGiven, Instant now) {
		KeyHolder refunded = new GeneratedKeyHolder();
		int updated = this.jdbc
			.sql("""
					UPDATE reservation SET status = 'REFUNDED', refunded_at = :now
					 WHERE id = :id AND %s%s""".formatted(from(ReservationStatus.REFUNDED),
					evenIfGiven ? "" : " AND given_to IS NULL"))
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.update(refunded, COLUMNS);
		return (updated == 1) ? Optional.of(reservation(refunded.getKeys())) : Optional.empty();
	}

	/**
	 * The paid seat's ticket now counts against {@code to} instead of {@code from}: one
	 * conditional UPDATE, which finds nothing once the reservation is refunded or the
	 * ticket is no longer {@code from}'s. Given back to its buyer, it is the buyer's as
	 * before (NULL).
	 */
	boolean give(ReservationId id, UserId from, UserId to) {
		return this.jdbc.sql("""
				UPDATE reservation SET given_to = CASE WHEN user_id = :to THEN NULL ELSE :to END
				 WHERE id = :id AND status = :paid AND coalesce(given_to, user_id) = :from""")
			.param("to", to.value())
			.param("id", id.value())
			.param("paid", ReservationStatus.PAID.name())
			.param("from", from.value())
			.update() == 1;
	}

	/** Whether the paid seat's ticket was given by its buyer to another fan. */
	boolean isGiven(ReservationId id) {
		return this.jdbc.sql("SELECT count(*) FROM reservation WHERE id = ? AND given_to IS NOT NULL")
			.param(id.value())
			.query(Integer.class)
			.single() > 0;
	}

	/** The concert's refunded reservations. */
	List<Reservation> refunded(ConcertId concert) {
		return this.jdbc
			.sql("SELECT " + String.join(", ", COLUMNS) + " FROM reservation WHERE concert_id = ? AND "
					+ "status = 'REFUNDED'")
			.param(concert.value())
			.query()
			.listOfRows()
			.stream()
			.map(ReservationRepository::reservation)
			.toList();
	}

	/**
	 * HELD → CANCELLED for the owner while the hold is live, saying when. A hold that ran
	 * out is EXPIRED, not cancelled, whether or not the sweep has marked it so.
	 */
	boolean cancel(ReservationId id, UserId user, Instant now) {
		return this.jdbc.sql("""
				UPDATE reservation SET status = 'CANCELLED', cancelled_at = :now
				 WHERE id = :id AND user_id = :user AND %s""".formatted(LIVE_HOLD))
			.param("now", Timestamp.from(now))
			.param("id", id.value())
			.param("user", user.value())
			.update() == 1;
	}

	/**
	 * Locks the user's row for the concert until the transaction ends, creating it on the
	 * user's first hold there. The insert that creates the row holds its lock already (a
	 * concurrent insert of the same key waits for this transaction, then finds the row
	 * and does nothing); otherwise the row is locked with SELECT … FOR UPDATE. Lock and
	 * count stay two statements: in one, PostgreSQL would count with the snapshot taken
	 * before the lock was granted, missing the hold it waited for.
	 */
	void lockHolder(UserId user, ConcertId concert) {
		int created = this.jdbc.sql("INSERT INTO holder (user_id, concert_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
			.params(user.value(), concert.value())
			.update();
		if (created == 0) {
			this.jdbc.sql("SELECT user_id FROM holder WHERE user_id = ? AND concert_id = ? FOR UPDATE")
				.params(user.value(), concert.value())
				.query()
				.listOfRows();
		}
	}

	/**
	 * The user's latest {@code limit} reservations, newest first, each with when it was
	 * paid.
	 */
	List<Listed> latest(UserId user, int limit) {
		return this.jdbc
			.sql("SELECT " + String.join(", ", COLUMNS) + ", paid_at, given_to"
					+ " FROM reservation WHERE user_id = ? ORDER BY held_at DESC, id LIMIT ?")
			.params(user.value(), limit)
			.query()
			.listOfRows()
			.stream()
			.map((row) -> new Listed(reservation(row), instantOrNull(row.get("paid_at")),
					(row.get("given_to") != null) ? new UserId((UUID) row.get("given_to")) : null))
			.toList();
	}

	/**
	 * @param givenTo the fan its ticket was given to, or null
	 */
	record Listed(Reservation reservation, Instant paidAt, UserId givenTo) {
	}

	/**
	 * The user's live holds and paid tickets of the concert at {@code now}, all its dates
	 * together, read by one statement: the ones they bought and still hold from the index
	 * on (user, concert, status, expiry), the ones given to them from the index on
	 * (given_to, concert).
	 */
	Holdings holdings(UserId user, ConcertId concert, Instant now) {
		return this.jdbc.sql("""
				SELECT bought.live, bought.taken + (SELECT count(*) FROM reservation
				                                     WHERE given_to = :user AND concert_id = :concert
				                                       AND status = :paid) AS taken
				  FROM (SELECT coalesce(sum(CASE WHEN %s THEN 1 ELSE 0 END), 0) AS live, count(*) AS taken
				          FROM reservation
				         WHERE user_id = :user AND concert_id = :concert
				           AND (%s OR (status = :paid AND given_to IS NULL))) bought""".formatted(LIVE_HOLD, LIVE_HOLD))
			.param("user", user.value())
			.param("concert", concert.value())
			.param("now", Timestamp.from(now))
			.param("paid", ReservationStatus.PAID.name())
			.query((rs, n) -> new Holdings(rs.getInt("live"), rs.getInt("taken")))
			.single();
	}

	/**
	 * @param liveHolds holds that can still be paid for
	 * @param tickets those and the paid ones
	 */
	record Holdings(int liveHolds, int tickets) {

		/**
		 * Refuses {@code asked} more holds that would take the fan past the concert's cap
		 * on tickets per fan ({@code null}: none) or past {@code maxHolds} live holds.
		 * Meaningful only under the holder's lock ({@link #lockHolder}).
		 */
		void requireRoomFor(int asked, Integer ticketsPerFan, int maxHolds) {
			if (ticketsPerFan != null && this.tickets + asked > ticketsPerFan) {
				throw (asked == 1) ? ReservationProblems.ticketLimit(ticketsPerFan)
						: ReservationProblems.ticketLimit(ticketsPerFan, this.tickets, asked);
			}
			if (this.liveHolds + asked > maxHolds) {
				throw (asked == 1) ? ReservationProblems.holdLimit(maxHolds)
						: ReservationProblems.holdLimit(maxHolds, this.liveHolds, asked);
			}
		}

	}

	int liveHolds(UserId user, ConcertId concert, Instant now) {
		return this.jdbc.sql("""
				SELECT count(*) FROM reservation
				 WHERE user_id = :user AND concert_id = :concert AND %s""".formatted(LIVE_HOLD))
			.param("user", user.value())
			.param("concert", concert.value())
			.param("now", Timestamp.from(now))
			.query(Integer.class)
			.single();
	}

	/** Marks run-out holds EXPIRED; the holds marked, returned by the UPDATE itself. */
	List<Reservation> expire(Instant now) {
		KeyHolder expired = new GeneratedKeyHolder();
		this.jdbc.sql("UPDATE reservation SET status = 'EXPIRED' WHERE " + RUN_OUT_HOLD)
			.param("now", Timestamp.from(now))
			.update(expired, COLUMNS);
		return expired.getKeyList().stream().map(ReservationRepository::reservation).toList();
	}

	/** A reservation row, read or returned by an UPDATE, as column name → value. */
	private static Reservation reservation(Map<String, Object> row) {
		return new Reservation(new ReservationId((UUID) row.get("id")), new UserId((UUID) row.get("user_id")),
				new ConcertId((UUID) row.get("concert_id")),
				new ConcertDateId(((Number) row.get("concert_date_id")).longValue()),
				new SeatId(((Number) row.get("seat_id")).longValue()),
				Points.of(((Number) row.get("price")).longValue()),
				ReservationStatus.valueOf((String) row.get("status")), instant(row.get("held_at")),
				instant(row.get("expires_at")), ((Number) row.get("held_with_entry")).longValue());
	}

	/**
	 * The condition on {@code status} that guards a change to {@code next}: the statuses
	 * it may come from.
	 */
	private static String from(ReservationStatus next) {
		return ReservationStatus.sourcesOf(next)
			.stream()
			.map((status) -> "'" + status + "'")
			.sorted()
			.collect(Collectors.joining(", ", "status IN (", ")"));
	}

	private static Instant instantOrNull(Object value) {
		return (value != null) ? instant(value) : null;
	}

	/**
	 * PostgreSQL's driver gives a Timestamp for TIMESTAMP WITH TIME ZONE, H2's an
	 * OffsetDateTime.
	 */
	private static Instant instant(Object value) {
		return switch (value) {
			case Timestamp timestamp -> timestamp.toInstant();
			case OffsetDateTime dateTime -> dateTime.toInstant();
			default -> throw new IllegalStateException("Not a timestamp: " + value);
		};
	}

}
