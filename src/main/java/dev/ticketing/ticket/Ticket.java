package dev.ticketing.ticket;

import java.time.Instant;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;
import dev.ticketing.reservation.ReservationId;

/**
 * The right to one seat at one date, held by the fan who paid for it.
 *
 * @param version what every code of the ticket carries: raised when the ticket is voided,
 * so codes issued before stop opening the door
 * @param checkIn where and when the ticket was first scanned at a gate, or null
 */
record Ticket(TicketId id, ReservationId reservationId, ConcertId concertId, ConcertDateId concertDateId, SeatId seatId,
		UserId holder, int version, Status status, Instant issuedAt, CheckIn checkIn) {

	boolean isHeldBy(UserId user) {
		return this.holder.equals(user);
	}

	/**
	 * What a ticket is: it opens the door until it is refunded.
	 */
	enum Status {

		/** Paid for: its current codes open the door once. */
		VALID,
		/** Refunded: every code of it is void. */
		REFUNDED

	}

	/**
	 * The first scan that admitted the ticket.
	 *
	 * @param by the gate staff's user id, or null in the open security mode
	 */
	record CheckIn(String gate, Instant at, UserId by) {
	}

}
