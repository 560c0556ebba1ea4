package dev.ticketing.concert;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.SaleStatus;

/**
 * An organiser moved the concert's sale from one status to another. Published inside the
 * change's transaction, only when the status did change.
 */
public record SaleStatusChanged(ConcertId concertId, SaleStatus from, SaleStatus to) {
}
