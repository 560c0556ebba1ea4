package dev.ticketing.concert;

import dev.ticketing.common.ConcertId;

/**
 * An organiser created a concert or changed its details, status or dates.
 */
public record ConcertChanged(ConcertId concertId) {
}
