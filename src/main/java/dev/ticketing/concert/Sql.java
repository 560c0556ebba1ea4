package dev.ticketing.concert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

import dev.ticketing.common.LiveHold;

final class Sql {

	private Sql() {
	}

	/**
	 * A live hold at {@code :now} on a seat of table (or alias) {@code seat}, as
	 * {@link LiveHold} says on the seat's columns. Every statement about held seats says
	 * it so, not in words of its own.
	 */
	static String liveHold(String seat) {
		return LiveHold.sql(seat + ".status", seat + ".hold_expires_at");
	}

	/**
	 * A hold on a seat of {@code seat} that ran out at {@code :now}: the seat is free.
	 */
	static String runOutHold(String seat) {
		return LiveHold.runOutSql(seat + ".status", seat + ".hold_expires_at");
	}

	/**
	 * A free seat of {@code seat}: nobody holds it, or its hold has run out at
	 * {@code :now} and its date's released seats are not {@link #waitingFor kept for a
	 * waiting list}.
	 */
	static String free(String seat) {
		return "(" + seat + ".status = 'AVAILABLE' OR (" + runOutHold(seat) + " AND NOT " + waitingFor(seat) + "))";
	}

	/**
	 * The date of a seat of {@code seat} has fans waiting for released seats: a seat
	 * whose hold runs out there is handed to the first of them, and free to nobody
	 * meanwhile.
	 */
	static String waitingFor(String seat) {
		return "EXISTS (SELECT 1 FROM released_seats_gate g WHERE g.concert_date_id = " + seat
				+ ".concert_date_id AND g.waiting)";
	}

	static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return (ts != null) ? ts.toInstant() : null;
	}

}
