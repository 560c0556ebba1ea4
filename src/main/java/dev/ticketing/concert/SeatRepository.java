package dev.ticketing.concert;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Every change of a seat's status is one conditional UPDATE: the row count says whether
 * this caller won. PostgreSQL's row lock serialises concurrent writers, and each
 * re-checks the condition on the row as the previous writer left it.
 */
@Repository
class SeatRepository {

	/** A seat is free when nobody holds it or its hold has run out. */
	private static final String FREE = Sql.free("seat");

	/** A seat is someone's while it is held and the hold has not run out. */
	private static final String LIVE_HOLD = Sql.liveHold("seat");

	/** Seats per JDBC batch when a seat map is created. */
	private static final int INSERT_BATCH = 5_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	SeatRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	Optional<Seat> find(SeatId id) {
		return this.jdbc.sql("""
				SELECT s.id, s.concert_date_id, s.seat_number, s.price, s.section, s.row_label, s.label, d.concert_id
				  FROM seat s JOIN concert_date d ON d.id = s.concert_date_id
				 WHERE s.id = ?""")
			.param(id.value())
			.query((rs, n) -> seat(rs, new ConcertId(rs.getObject("concert_id", UUID.class)),
					new ConcertDateId(rs.getLong("concert_date_id"))))
			.optional();
	}

	/** Every seat of the date, whatever its status. */
	List<Seat> findAll(ConcertDateId date) {
		return this.jdbc.sql("""
				SELECT s.id, s.seat_number, s.price, s.section, s.row_label, s.label, d.concert_id
				  FROM seat s JOIN concert_date d ON d.id = s.concert_date_id
				 WHERE s.concert_date_id = ?""")
			.param(date.value())
			.query((rs, n) -> seat(rs, new ConcertId(rs.getObject("concert_id", UUID.class)), date))
			.list();
	}

	/**
	 * The date's free seats in seat-number order, only those of {@code section} unless it
	 * is null.
	 */
	List<Seat> findAvailable(ConcertId concert, ConcertDateId date, String section, Instant now) {
		return this.jdbc
			.sql("SELECT id, seat_number, price, section, row_label, label FROM seat WHERE concert_date_id = :date AND "
					+ FREE + ((section != null) ? " AND section = :section" : "") + " ORDER BY seat_number")
			.param("date", date.value())
			.param("now", Sql.ts(now))
			.param("section", section)
			.query((rs, n) -> seat(rs, concert, date))
			.list();
	}

	/**
	 * Every seat of the date in seat-number order, each with what it is at {@code now}
	 * and, while held, until when: the hall as a seat map shows it, in one query.
	 */
	List<MapSeat> findMap(ConcertId concert, ConcertDateId date, Instant now) {
		return this.jdbc.sql("""
				SELECT id, seat_number, price, section, row_label, label,
				       CASE WHEN %s THEN 'AVAILABLE' WHEN status = 'SOLD' THEN 'SOLD' ELSE 'HELD' END AS state,
				       CASE WHEN %s THEN hold_expires_at END AS held_until
				  FROM seat WHERE concert_date_id = :date ORDER BY seat_number""".formatted(FREE, LIVE_HOLD))
			.param("date", date.value())
			.param("now", Sql.ts(now))
			.query((rs, n) -> new MapSeat(seat(rs, concert, date), SeatState.valueOf(rs.getString("state")),
					Sql.instant(rs, "held_until")))
			.list();
	}

	/**
	 * A seat of the map as it stands.
	 *
	 * @param heldUntil when its live hold runs out (and the seat is free again), null
	 * unless {@code HELD}
	 */
	record MapSeat(Seat seat, SeatState state, Instant heldUntil) {
	}

	/**
	 * The date's sections in seat-number order, each counted at {@code now} from the
	 * index on (date, section, status, expiry, price): the hall as a plan shows it, in
	 * one query however many seats it has.
	 */
	List<HallSection> findHall(ConcertDateId date, Instant now) {
		return this.jdbc.sql("""
				SELECT section, min(seat_number) AS first_number, count(*) AS total,
				       sum(CASE WHEN %s THEN 1 ELSE 0 END) AS available,
				       min(price) AS min_price, max(price) AS max_price,
				       min(CASE WHEN %s THEN hold_expires_at END) AS first_hold_ends
				  FROM seat WHERE concert_date_id = :date
				 GROUP BY section ORDER BY first_number""".formatted(FREE, LIVE_HOLD))
			.param("date", date.value())
			.param("now", Sql.ts(now))
			.query((rs, n) -> new HallSection(rs.getString("section"), rs.getInt("total"), rs.getInt("available"),
					Points.of(rs.getLong("min_price")), Points.of(rs.getLong("max_price")),
					Sql.instant(rs, "first_hold_ends")))
			.list();
	}

	/**
	 * A section of the hall as it stands.
	 *
	 * @param name null for seats created before seat maps
	 * @param firstHoldEnds when the first of its live holds runs out, null if none
	 */
	record HallSection(String name, int total, int available, Points minPrice, Points maxPrice, Instant firstHoldEnds) {
	}

	/**
	 * Every seat of one section of the date in seat-number order, each with its row,
	 * price and what it is at {@code now}: one section of the map, without the rest of
	 * the hall.
	 */
	List<SectionSeat> findSection(ConcertId concert, ConcertDateId date, String section, Instant now) {
		return this.jdbc.sql("""
				SELECT id, seat_number, price, section, row_label, label,
				       CASE WHEN %s THEN 'AVAILABLE' WHEN status = 'SOLD' THEN 'SOLD' ELSE 'HELD' END AS state,
				       CASE WHEN %s THEN hold_expires_at END AS held_until
				  FROM seat WHERE concert_date_id = :date AND %s
				 ORDER BY seat_number""".formatted(FREE, LIVE_HOLD,
				// Not IS NOT DISTINCT FROM: PostgreSQL's index serves only "=".
				(section != null) ? "section = :section" : "section IS NULL"))
			.param("date", date.value())
			.param("section", section)
			.param("now", Sql.ts(now))
			.query((rs, n) -> new SectionSeat(seat(rs, concert, date), SeatState.valueOf(rs.getString("state")),
					Sql.instant(rs, "held_until")))
			.list();
	}

	/**
	 * A seat of a section as it stands.
	 *
	 * @param heldUntil when its live hold runs out, null unless {@code HELD}
	 */
	record SectionSeat(Seat seat, SeatState state, Instant heldUntil) {
	}

	/**
	 * Where each of {@code ids} is and what it is for, in one query over the seats, their
	 * dates and concerts; a seat that no longer exists is left out.
	 */
	List<SeatPlace> findPlaces(Collection<SeatId> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				SELECT s.id, s.seat_number, s.section, s.row_label, s.label, d.id AS date_id, d.starts_at,
				       c.title, c.time_zone
				  FROM seat s JOIN concert_date d ON d.id = s.concert_date_id JOIN concert c ON c.id = d.concert_id
				 WHERE s.id IN (:ids)""")
			.param("ids", ids.stream().map(SeatId::value).distinct().toList())
			.query((rs, n) -> new SeatPlace(new SeatId(rs.getLong("id")), rs.getInt("seat_number"),
					rs.getString("section"), rs.getString("row_label"), rs.getString("label"),
					new ConcertDateId(rs.getLong("date_id")), Sql.instant(rs, "starts_at"), rs.getString("title"),
					ZoneId.of(rs.getString("time_zone"))))
			.list();
	}

	private static Seat seat(java.sql.ResultSet rs, ConcertId concert, ConcertDateId date)
			throws java.sql.SQLException {
		return new Seat(new SeatId(rs.getLong("id")), concert, date, rs.getInt("seat_number"),
				Points.of(rs.getLong("price")), rs.getString("section"), rs.getString("row_label"),
				rs.getString("label"));
	}

	/**
	 * Takes the seat for {@code reservation} when it is free; false when someone else has
	 * it.
	 */
	boolean hold(SeatId seat, UserId holder, UUID reservation, Instant now, Instant until) {
		return this.jdbc
			.sql("UPDATE seat SET status = 'HELD', holder_id = :holder, reservation_id = :reservation,"
					+ " hold_expires_at = :until WHERE id = :seat AND " + FREE)
			.param("holder", holder.value())
			.param("reservation", reservation)
			.param("until", Sql.ts(until))
			.param("seat", seat.value())
			.param("now", Sql.ts(now))
			.update() == 1;
	}

	/**
	 * Sells the seat to the holder of {@code reservation} while that hold is still live.
	 */
	boolean sell(SeatId seat, UUID reservation, Instant now) {
		return this.jdbc.sql("""
				UPDATE seat SET status = 'SOLD', hold_expires_at = NULL
				 WHERE id = :seat AND reservation_id = :reservation AND %s""".formatted(LIVE_HOLD))
			.param("seat", seat.value())
			.param("reservation", reservation)
			.param("now", Sql.ts(now))
			.update() == 1;
	}

	/**
	 * Gives back a seat still held for {@code reservation}; false if the hold is gone.
	 */
	boolean release(SeatId seat, UUID reservation) {
		return this.jdbc.sql("""
				UPDATE seat SET status = 'AVAILABLE', holder_id = NULL, reservation_id = NULL, hold_expires_at = NULL
				 WHERE id = :seat AND reservation_id = :reservation AND status = 'HELD'""")
			.param("seat", seat.value())
			.param("reservation", reservation)
			.update() == 1;
	}

	/**
	 * The concert's seats counted by date, section and status at {@code now}, from the
	 * index on (date, section, status, expiry, price).
	 */
	List<SectionSales> countBySection(ConcertId concert, Instant now) {
		return this.jdbc.sql("""
				SELECT d.id AS date_id, d.starts_at, s.section, count(*) AS total,
				       sum(CASE WHEN %s THEN 1 ELSE 0 END) AS available,
				       sum(CASE WHEN %s THEN 1 ELSE 0 END) AS held,
				       sum(CASE WHEN s.status = 'SOLD' THEN 1 ELSE 0 END) AS sold,
				       sum(CASE WHEN s.status = 'SOLD' THEN s.price ELSE 0 END) AS revenue
				  FROM concert_date d JOIN seat s ON s.concert_date_id = d.id
				 WHERE d.concert_id = :concert
				 GROUP BY d.id, d.starts_at, s.section
				 ORDER BY d.starts_at, d.id, s.section""".formatted(Sql.free("s"), Sql.liveHold("s")))
			.param("concert", concert.value())
			.param("now", Sql.ts(now))
			.query((rs, n) -> new SectionSales(new ConcertDateId(rs.getLong("date_id")), Sql.instant(rs, "starts_at"),
					rs.getString("section"), rs.getInt("total"), rs.getInt("available"), rs.getInt("held"),
					rs.getInt("sold"), Points.of(rs.getLong("revenue"))))
			.list();
	}

	/** SOLD → AVAILABLE for a refund of {@code reservation}; false if not sold to it. */
	boolean resell(SeatId seat, UUID reservation) {
		return this.jdbc.sql("""
				UPDATE seat SET status = 'AVAILABLE', holder_id = NULL, reservation_id = NULL, hold_expires_at = NULL
				 WHERE id = :seat AND reservation_id = :reservation AND status = 'SOLD'""")
			.param("seat", seat.value())
			.param("reservation", reservation)
			.update() == 1;
	}

	/**
	 * Tidies holds that ran out; correctness never waits for this. Seats kept for a
	 * waiting list stay as they are: they are handed over one by one ({@link #handOver}).
	 */
	int releaseExpired(Instant now) {
		return this.jdbc.sql("""
				UPDATE seat SET status = 'AVAILABLE', holder_id = NULL, reservation_id = NULL, hold_expires_at = NULL
				 WHERE %s AND NOT %s""".formatted(Sql.runOutHold("seat"), Sql.waitingFor("seat")))
			.param("now", Sql.ts(now))
			.update();
	}

	/**
	 * The seats whose hold ran out at {@code now} on dates that keep released seats for
	 * their waiting list, each with the reservation of the run-out hold.
	 */
	List<RunOutHold> findRunOutKept(Instant now) {
		return this.jdbc
			.sql("""
					SELECT id, concert_date_id, reservation_id FROM seat
					 WHERE %s AND %s ORDER BY hold_expires_at, id""".formatted(Sql.runOutHold("seat"),
					Sql.waitingFor("seat")))
			.param("now", Sql.ts(now))
			.query((rs, n) -> new RunOutHold(new SeatId(rs.getLong("id")),
					new ConcertDateId(rs.getLong("concert_date_id")), rs.getObject("reservation_id", UUID.class)))
			.list();
	}

	/**
	 * Gives the seat of the ended hold or sale {@code from} straight to {@code holder}'s
	 * new hold {@code reservation} until {@code until}, never free in between: the
	 * release path's hand-over to a waiting fan. The seat must still be {@code from}'s
	 * (held, its hold live or run out, or sold); false if anyone else has it by now.
	 */
	boolean handOver(SeatId seat, UUID from, UserId holder, UUID reservation, Instant until) {
		return this.jdbc
			.sql("""
					UPDATE seat SET status = 'HELD', holder_id = :holder, reservation_id = :reservation, hold_expires_at = :until
					 WHERE id = :seat AND reservation_id = :from AND status IN ('HELD', 'SOLD')""")
			.param("holder", holder.value())
			.param("reservation", reservation)
			.param("until", Sql.ts(until))
			.param("seat", seat.value())
			.param("from", from)
			.update() == 1;
	}

	/**
	 * Locks the date's released-seats gate until the transaction ends, creating it (shut)
	 * on first use, as the reservations' holder rows are: the INSERT that creates it
	 * holds its lock, otherwise SELECT … FOR UPDATE takes it.
	 * @return whether released seats of the date go to its waiting list
	 */
	boolean lockGate(ConcertDateId date) {
		int created = this.jdbc
			.sql("INSERT INTO released_seats_gate (concert_date_id, waiting) VALUES (?, FALSE) ON CONFLICT DO NOTHING")
			.param(date.value())
			.update();
		if (created == 1) {
			return false;
		}
		return this.jdbc.sql("SELECT waiting FROM released_seats_gate WHERE concert_date_id = ? FOR UPDATE")
			.param(date.value())
			.query(Boolean.class)
			.single();
	}

	/** Opens or shuts the date's gate; the caller holds its lock ({@link #lockGate}). */
	void setGate(ConcertDateId date, boolean waiting) {
		this.jdbc.sql("UPDATE released_seats_gate SET waiting = ? WHERE concert_date_id = ?")
			.params(waiting, date.value())
			.update();
	}

	/** How many of the date's seats are free at {@code now}. */
	int countFree(ConcertDateId date, Instant now) {
		return this.jdbc.sql("SELECT count(*) FROM seat WHERE concert_date_id = :date AND " + FREE)
			.param("date", date.value())
			.param("now", Sql.ts(now))
			.query(Integer.class)
			.single();
	}

	/**
	 * The seats of {@code map}, numbered from 1, in JDBC batches (with the PostgreSQL
	 * driver's {@code reWriteBatchedInserts}, multi-row INSERTs): 100,000 seats in a few
	 * round trips.
	 */
	void insertSeats(ConcertDateId date, SeatMap map) {
		List<Object[]> rows = new ArrayList<>(map.totalSeats());
		int number = 0;
		for (SeatMap.Section section : map.sections()) {
			for (SeatMap.Row row : section.rows()) {
				for (int inRow = 1; inRow <= row.seats(); inRow++) {
					rows.add(new Object[] { ++number, row.price(), section.name(), row.label(),
							section.name() + "-" + row.label() + "-" + inRow });
				}
			}
		}
		this.batch.batchUpdate("""
				INSERT INTO seat (concert_date_id, seat_number, price, section, row_label, label, status)
				VALUES (?, ?, ?, ?, ?, ?, 'AVAILABLE')""", rows, INSERT_BATCH,
				(PreparedStatement ps, Object[] seat) -> {
					ps.setLong(1, date.value());
					ps.setInt(2, (Integer) seat[0]);
					ps.setLong(3, (Long) seat[1]);
					ps.setString(4, (String) seat[2]);
					ps.setString(5, (String) seat[3]);
					ps.setString(6, (String) seat[4]);
				});
	}

	/**
	 * Removes every seat of the date, provided none is held or sold: the free seats go in
	 * one DELETE, whose row locks make a concurrent hold either finish first (its seat is
	 * then not free and stays) or find its seat gone.
	 * @return false if a seat was held or sold, in which case the caller must roll back
	 * (the free ones are gone in this transaction)
	 */
	boolean removeAllIfFree(ConcertDateId date, Instant now) {
		this.jdbc.sql("DELETE FROM seat WHERE concert_date_id = :date AND " + FREE)
			.param("date", date.value())
			.param("now", Sql.ts(now))
			.update();
		return this.jdbc.sql("SELECT count(*) FROM seat WHERE concert_date_id = ?")
			.param(date.value())
			.query(Long.class)
			.single() == 0;
	}

}
