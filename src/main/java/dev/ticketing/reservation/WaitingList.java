package dev.ticketing.reservation;

import java.time.Instant;
import java.util.Optional;

import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;

/**
 * A sold-out date's waiting list, as the release path sees it: a seat freed by a
 * cancelled, refunded or run-out hold goes to the first fan on it, inside the transaction
 * that frees it, so nobody else can take the seat in between. The reservation module
 * calls it only while it holds the date's gate
 * ({@link dev.ticketing.concert.SeatInventory#lockReleases}) and the gate says the date's
 * released seats are kept for its list; the implementation keeps that gate open exactly
 * while a fan waits.
 */
public interface WaitingList {

	/**
	 * The first fan still waiting on the date, if any, but {@code releasing}: the fan
	 * whose hold or ticket it is keeps their place without being offered it back.
	 */
	Optional<WaitingFan> first(ConcertDateId date, UserId releasing);

	/**
	 * The fan was given the seat: {@code hold} is theirs until {@code until}, as any
	 * hold, payable the normal way.
	 */
	void offered(WaitingFan fan, ReservationId hold, SeatId seat, Instant until);

	/**
	 * The fan could take no more tickets of the concert ({@code reason}, a problem code
	 * such as {@code TICKET_LIMIT}) and leaves the list.
	 */
	void passedOver(WaitingFan fan, String reason);

}
