package dev.ticketing.payment;

import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.ReservationId;

/**
 * A payment was refunded: points back to the fan, reservation REFUNDED, seat on sale
 * again. Published inside the refund's transaction.
 */
public record PaymentRefunded(UUID paymentId, ReservationId reservationId, UserId userId, Points amount,
		ConcertId concertId) {
}
