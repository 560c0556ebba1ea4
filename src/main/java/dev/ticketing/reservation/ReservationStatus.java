package dev.ticketing.reservation;

/**
 * HELD → CONFIRMED when paid, HELD → EXPIRED when the hold runs out or is cancelled.
 * CONFIRMED and EXPIRED are final.
 */
public enum ReservationStatus {

	HELD, CONFIRMED, EXPIRED;

}
