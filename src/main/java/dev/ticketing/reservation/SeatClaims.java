package dev.ticketing.reservation;

import java.time.Instant;

import dev.ticketing.concert.SeatId;

/**
 * First-wins claims on seats, in front of the database: a loser is turned away in about a
 * millisecond without a database round trip. A claim is only an optimisation: the seat
 * inventory's conditional statement still decides every hold, and when the claim store
 * cannot answer, the hold goes to the database alone. Claims run out at the instant the
 * hold they front does, by the service's clock.
 */
interface SeatClaims {

	/**
	 * Claims the seat for {@code reservation} until {@code until} unless another
	 * reservation's claim on it is still live at {@code now}.
	 */
	Claim claim(SeatId seat, ReservationId reservation, Instant now, Instant until);

	/**
	 * Moves the claim's end to {@code until}, if the claim is still
	 * {@code reservation}'s.
	 */
	void extend(SeatId seat, ReservationId reservation, Instant now, Instant until);

	/** Drops the claim, if it is still {@code reservation}'s. */
	void release(SeatId seat, ReservationId reservation);

	enum Claim {

		/** This reservation holds the claim: go on to the database. */
		WON,
		/** Another reservation holds it: the seat is taken. */
		TAKEN,
		/** The claim store did not answer: the database alone decides. */
		UNKNOWN

	}

}
