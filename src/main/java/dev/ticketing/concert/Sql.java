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
	 * {@code :now}.
	 */
	static String free(String seat) {
		return "(" + seat + ".status = 'AVAILABLE' OR " + runOutHold(seat) + ")";
	}

	static Timestamp ts(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp ts = rs.getTimestamp(column);
		return (ts != null) ? ts.toInstant() : null;
	}

}
