package dev.ticketing.reservation;

/**
 * The outcome of confirming a reservation: newly confirmed by this call, or found already
 * confirmed by an earlier one (a payment sent twice).
 */
public sealed interface Confirmation {

	Reservation reservation();

	record Confirmed(Reservation reservation) implements Confirmation {
	}

	record AlreadyConfirmed(Reservation reservation) implements Confirmation {
	}

}
