package dev.ticketing.reservation;

/**
 * HELD → CONFIRMED when paid, HELD → EXPIRED when the hold runs out or is cancelled,
 * CONFIRMED → REFUNDED when the payment is refunded. EXPIRED and REFUNDED are final.
 */
public enum ReservationStatus {

	HELD, CONFIRMED, EXPIRED, REFUNDED;

}
