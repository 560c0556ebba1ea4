package dev.ticketing.payment;

import dev.ticketing.common.ConcertId;
import dev.ticketing.reservation.ReservationId;

/**
 * A payment was refused and changed nothing. {@code reason} is the refusal's problem code
 * ({@code INSUFFICIENT_BALANCE}, {@code HOLD_EXPIRED}, {@code RESERVATION_NOT_FOUND}, …),
 * or {@code ERROR} for a failure that is no refusal.
 */
public record PaymentRefused(ReservationId reservationId, ConcertId concertId, String reason) {
}
