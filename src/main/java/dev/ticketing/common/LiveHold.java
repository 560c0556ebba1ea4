package dev.ticketing.common;

import java.time.Instant;

/**
 * What a live hold is, said once per language: a seat or a reservation that is
 * {@value #HELD}, and whose hold has not run out at the moment asked about; a hold ending
 * exactly then is over. A live hold is the right to pay, what the per-user hold limit
 * counts and what keeps a seat from others, so a hold seen live by one statement and over
 * by another would let a seat be taken twice.
 * <ul>
 * <li>In SQL, {@link #sql}: every statement about live holds, on the seat's table or the
 * reservation's, and the integrity audit, formats it in, each on its own module's
 * columns.</li>
 * <li>In Java, {@link #isLive}.</li>
 * <li>In Redis, the seat claims' script ({@code reservation/claims.lua}) mirrors it: a
 * claim is live while its end is after the caller's now.</li>
 * </ul>
 */
public final class LiveHold {

	/** The status of a seat, and of a reservation, that is held. */
	public static final String HELD = "HELD";

	private LiveHold() {
	}

	/**
	 * A live hold at the statement's {@code :now}, on a row whose status is in column
	 * {@code status} and whose hold ends at column {@code endsAt}.
	 */
	public static String sql(String status, String endsAt) {
		return "(" + status + " = '" + HELD + "' AND " + endsAt + " > :now)";
	}

	/**
	 * A hold that ran out by the statement's {@code :now} (held, but not {@link #sql
	 * live}): over, whether or not the sweep has marked it so yet.
	 */
	public static String runOutSql(String status, String endsAt) {
		return "(" + status + " = '" + HELD + "' AND " + endsAt + " <= :now)";
	}

	/** Whether a hold that ends at {@code endsAt} is still live at {@code now}. */
	public static boolean isLive(Instant endsAt, Instant now) {
		return endsAt.isAfter(now);
	}

}
