package dev.ticketing.reservation;

import java.time.Instant;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.LiveHold;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;

/**
 * A user's hold on a seat, and after payment the user's booking of it.
 *
 * @param status as stored: a HELD one may have run out since ({@link #statusAt})
 * @param heldWith the entry into the concert's line of the queue token the hold was made
 * with, or {@link Admission#ANY_ENTRY}
 */
public record Reservation(ReservationId id, UserId userId, ConcertId concertId, ConcertDateId concertDateId,
		SeatId seatId, Points price, ReservationStatus status, Instant heldAt, Instant expiresAt, long heldWith) {

	public boolean isOwnedBy(UserId user) {
		return this.userId.equals(user);
	}

	/** Whether it is a live hold at {@code now}: HELD and not run out. */
	public boolean isLiveAt(Instant now) {
		return this.status == ReservationStatus.HELD && LiveHold.isLive(this.expiresAt, now);
	}

	/**
	 * What it is at {@code now}: a HELD one past its expiry is EXPIRED whether or not the
	 * sweep has stored it so.
	 */
	public ReservationStatus statusAt(Instant now) {
		return (this.status == ReservationStatus.HELD && !isLiveAt(now)) ? ReservationStatus.EXPIRED : this.status;
	}

}
