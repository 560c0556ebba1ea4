package dev.ticketing.waitlist;

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
 * Places on the waiting lists. Every change is one conditional UPDATE from the state it
 * leaves, made while the caller holds the date's gate, so that joining, leaving and being
 * offered a seat are decided one after another per date.
 */
@Repository
class WaitingFanRepository {

	private static final String COLUMNS = "id, concert_id, concert_date_id, user_id, status, joined_at, reservation_id,"
			+ " seat_id, offer_ends_at, skipped_because";

	private final JdbcClient jdbc;

	WaitingFanRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A new place at the end of the date's list; the UNIQUE constraint on (date, waiting
	 * user) refuses a second waiting place of the fan.
	 */
	long insert(ConcertId concert, ConcertDateId date, UserId fan, Instant now) {
		this.jdbc.sql("""
				INSERT INTO waiting_fan (concert_id, concert_date_id, user_id, status, waiting_user, joined_at)
				VALUES (?, ?, ?, 'WAITING', ?, ?)""")
			.params(concert.value(), date.value(), fan.value(), fan.value(), Timestamp.from(now))
			.update();
		return waitingPlace(date, fan).orElseThrow().id();
	}

	/** The fan's waiting place on the date, if any. */
	Optional<Place> waitingPlace(ConcertDateId date, UserId fan) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM waiting_fan WHERE concert_date_id = ? AND waiting_user = ?")
			.params(date.value(), fan.value())
			.query(WaitingFanRepository::place)
			.optional();
	}

	/** The first place still waiting on the date that is not {@code except}'s. */
	Optional<Place> first(ConcertDateId date, UserId except) {
		return this.jdbc.sql("""
				SELECT %s FROM waiting_fan WHERE concert_date_id = ? AND status = 'WAITING' AND user_id <> ?
				 ORDER BY id FETCH FIRST 1 ROW ONLY""".formatted(COLUMNS))
			.params(date.value(), except.value())
			.query(WaitingFanRepository::place)
			.optional();
	}

	/** WAITING → LEFT for the fan; false if they were not waiting. */
	boolean leave(ConcertDateId date, UserId fan, Instant now) {
		return this.jdbc.sql("""
				UPDATE waiting_fan SET status = 'LEFT', waiting_user = NULL, ended_at = ?
				 WHERE concert_date_id = ? AND waiting_user = ? AND status = 'WAITING'""")
			.params(Timestamp.from(now), date.value(), fan.value())
			.update() == 1;
	}

	/**
	 * WAITING → OFFERED: the seat is held for the fan by {@code hold} until
	 * {@code until}.
	 */
	boolean offered(long place, ReservationId hold, SeatId seat, Instant until) {
		return this.jdbc.sql("""
				UPDATE waiting_fan SET status = 'OFFERED', waiting_user = NULL, reservation_id = ?, seat_id = ?,
				       offer_ends_at = ?
				 WHERE id = ? AND status = 'WAITING'""")
			.params(hold.value(), seat.value(), Timestamp.from(until), place)
			.update() == 1;
	}

	/** WAITING → SKIPPED: the fan could have no more tickets when their turn came. */
	boolean passedOver(long place, String because, Instant now) {
		return this.jdbc.sql("""
				UPDATE waiting_fan SET status = 'SKIPPED', waiting_user = NULL, ended_at = ?, skipped_because = ?
				 WHERE id = ? AND status = 'WAITING'""").params(Timestamp.from(now), because, place).update() == 1;
	}

	/** How many fans wait on the date. */
	int waiting(ConcertDateId date) {
		return this.jdbc.sql("SELECT count(*) FROM waiting_fan WHERE concert_date_id = ? AND status = 'WAITING'")
			.param(date.value())
			.query(Integer.class)
			.single();
	}

	/** The place's position on its list: 1 for the next fan to be offered a seat. */
	int position(Place place) {
		return this.jdbc.sql("""
				SELECT count(*) FROM waiting_fan WHERE concert_date_id = ? AND status = 'WAITING' AND id <= ?""")
			.params(place.date().value(), place.id())
			.query(Integer.class)
			.single();
	}

	/** The fan's latest {@code limit} places, newest first. */
	List<Place> latest(UserId fan, int limit) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM waiting_fan WHERE user_id = ? ORDER BY id DESC LIMIT ?")
			.params(fan.value(), limit)
			.query(WaitingFanRepository::place)
			.list();
	}

	/** How many fans wait on all dates together. */
	long waitingTotal() {
		return this.jdbc.sql("SELECT count(*) FROM waiting_fan WHERE status = 'WAITING'").query(Long.class).single();
	}

	private static Place place(ResultSet rs, int n) throws SQLException {
		UUID hold = rs.getObject("reservation_id", UUID.class);
		Timestamp ends = rs.getTimestamp("offer_ends_at");
		return new Place(rs.getLong("id"), new ConcertId(rs.getObject("concert_id", UUID.class)),
				new ConcertDateId(rs.getLong("concert_date_id")), new UserId(rs.getObject("user_id", UUID.class)),
				Place.Status.valueOf(rs.getString("status")), rs.getTimestamp("joined_at").toInstant(),
				(hold != null) ? new ReservationId(hold) : null,
				(hold != null) ? new SeatId(rs.getLong("seat_id")) : null, (ends != null) ? ends.toInstant() : null,
				rs.getString("skipped_because"));
	}

}
