package dev.ticketing.waitlist;

import java.time.Instant;
import java.util.Objects;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;
import dev.ticketing.reservation.ReservationId;

/**
 * A fan's place on a date's waiting list.
 *
 * @param id the place's id; places of a date are served in its order
 * @param hold the hold made for the fan once OFFERED, else null
 * @param seat the seat offered, else null
 * @param offerEndsAt when the offered hold runs out, else null
 * @param skippedBecause the problem code of the limit that passed a SKIPPED fan over,
 * else null
 */
public record Place(long id, ConcertId concertId, ConcertDateId date, UserId fan, Status status, Instant joinedAt,
		ReservationId hold, SeatId seat, Instant offerEndsAt, String skippedBecause) {

	public Place {
		Objects.requireNonNull(concertId, "concert");
		Objects.requireNonNull(date, "date");
		Objects.requireNonNull(fan, "fan");
		Objects.requireNonNull(status, "status");
		if ((status == Status.OFFERED) != (hold != null && seat != null && offerEndsAt != null)) {
			throw new IllegalArgumentException("An offered place, and only that, has a hold, a seat and an end");
		}
	}

	/** Where a place stands. */
	public enum Status {

		/** On the list, in line for the next released seat. */
		WAITING,
		/** A released seat was held for the fan: {@link Place#hold()}. */
		OFFERED,
		/** The fan left the list. */
		LEFT,
		/**
		 * Passed over: the fan could have no more tickets of the concert when their turn
		 * came.
		 */
		SKIPPED

	}

}
