package dev.ticketing.concert;

import java.time.Instant;

import dev.ticketing.common.Points;

/**
 * How one section of one date sells right now: seats in all, free, held (live holds),
 * sold, and what the sold ones brought in.
 */
public record SectionSales(ConcertDateId date, Instant startsAt, String section, int total, int available, int held,
		int sold, Points revenue) {
}
