package dev.ticketing.reservation;

import java.time.Duration;
import java.util.Objects;

import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;

/**
 * A fan's place on a date's waiting list.
 *
 * @param place the place's id on the list of {@code date}
 * @param offerFor how long a seat offered to the fan stays theirs
 */
public record WaitingFan(long place, ConcertDateId date, UserId user, Duration offerFor) {

	public WaitingFan {
		Objects.requireNonNull(date, "date");
		Objects.requireNonNull(user, "user");
		if (offerFor == null || offerFor.isNegative() || offerFor.isZero()) {
			throw new IllegalArgumentException("An offer lasts a positive time");
		}
	}

}
