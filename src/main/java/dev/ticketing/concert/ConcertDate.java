package dev.ticketing.concert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import dev.ticketing.common.ConcertId;

/**
 * A performance date with the number of its seats still free at the time of reading.
 *
 * @param timeZone the concert's time zone, on whose clock the date falls on a day
 */
public record ConcertDate(ConcertDateId id, ConcertId concertId, Instant startsAt, int totalSeats, int availableSeats,
		ZoneId timeZone) {

	/** The day of the performance as the concert's own calendar has it. */
	public LocalDate day() {
		return LocalDate.ofInstant(this.startsAt, this.timeZone);
	}

}
