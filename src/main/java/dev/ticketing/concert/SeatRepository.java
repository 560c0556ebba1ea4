package dev.ticketing.concert;

import java.sql.PreparedStatement;
import java.time.Instant;
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
	private static final String FREE = "(status = 'AVAILABLE' OR (status = 'HELD' AND hold_expires_at <= :now))";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	SeatRepository(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	Optional<Seat> find(SeatId id) {
		return this.jdbc.sql("""
				SELECT s.id, s.concert_date_id, s.seat_number, s.price, d.concert_id
				  FROM seat s JOIN concert_date d ON d.id = s.concert_date_id
				 WHERE s.id = ?""")
			.param(id.value())
			.query((rs, n) -> new Seat(new SeatId(rs.getLong("id")),
					new ConcertId(rs.getObject("concert_id", UUID.class)),
					new ConcertDateId(rs.getLong("concert_date_id")), rs.getInt("seat_number"),
					Points.of(rs.getLong("price"))))
			.optional();
	}

	/** Every seat of the date, whatever its status. */
	List<Seat> findAll(ConcertDateId date) {
		return this.jdbc.sql("""
				SELECT s.id, s.seat_number, s.price, d.concert_id
				  FROM seat s JOIN concert_date d ON d.id = s.concert_date_id
				 WHERE s.concert_date_id = ?""")
			.param(date.value())
			.query((rs, n) -> new Seat(new SeatId(rs.getLong("id")),
					new ConcertId(rs.getObject("concert_id", UUID.class)), date, rs.getInt("seat_number"),
					Points.of(rs.getLong("price"))))
			.list();
	}

	List<Seat> findAvailable(ConcertId concert, ConcertDateId date, Instant now) {
		return this.jdbc
			.sql("SELECT id, seat_number, price FROM seat WHERE concert_date_id = :date AND " + FREE
					+ " ORDER BY seat_number")
			.param("date", date.value())
			.param("now", Sql.ts(now))
			.query((rs, n) -> new Seat(new SeatId(rs.getLong("id")), concert, date, rs.getInt("seat_number"),
					Points.of(rs.getLong("price"))))
			.list();
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
				 WHERE id = :seat AND reservation_id = :reservation AND status = 'HELD' AND hold_expires_at > :now""")
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

	/** Tidies holds that ran out; correctness never waits for this. */
	int releaseExpired(Instant now) {
		return this.jdbc.sql("""
				UPDATE seat SET status = 'AVAILABLE', holder_id = NULL, reservation_id = NULL, hold_expires_at = NULL
				 WHERE hold_expires_at <= :now AND status = 'HELD'""").param("now", Sql.ts(now)).update();
	}

	void insertSeats(ConcertDateId date, int count, Points price) {
		this.batch.batchUpdate(
				"INSERT INTO seat (concert_date_id, seat_number, price, status) VALUES (?, ?, ?, 'AVAILABLE')",
				java.util.stream.IntStream.rangeClosed(1, count).boxed().toList(), 1000,
				(PreparedStatement ps, Integer number) -> {
					ps.setLong(1, date.value());
					ps.setInt(2, number);
					ps.setLong(3, price.value());
				});
	}

}
