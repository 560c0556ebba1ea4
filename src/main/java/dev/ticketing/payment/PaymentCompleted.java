package dev.ticketing.payment;

import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.ReservationId;

/**
 * A seat was paid for: money taken, reservation confirmed, seat sold. Published inside
 * the payment's transaction; listeners that act after commit see it only if it committed.
 * {@code holdsLeft}: the user's other holds on the concert still to be paid for.
 */
public record PaymentCompleted(UUID paymentId, ReservationId reservationId, ConcertId concertId, UserId userId,
		Points amount, int holdsLeft) {
}
