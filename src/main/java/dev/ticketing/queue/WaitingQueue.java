package dev.ticketing.queue;

import java.time.Instant;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

/**
 * The queue's store: Redis when instances share it, in-process for one instance; both
 * adapters pass the same contract tests. Every operation is atomic, expires admissions
 * that ran out and admits waiting users into free slots, never above the cap, however
 * many callers run at once.
 */
interface WaitingQueue {

	/**
	 * Puts the user in line, unless already waiting or active (then nothing changes).
	 * Before {@code saleOpensAt} the user joins the pre-queue, shuffled at the opening.
	 */
	Standing enter(ConcertId concert, UserId user, Instant saleOpensAt, Instant now);

	/**
	 * Where the user stands; counts as the user polling, which keeps a waiting user's
	 * place.
	 */
	Standing standing(ConcertId concert, UserId user, Instant now);

	/**
	 * As {@link #standing}, for a booking call: an ACTIVE user's idle timer restarts.
	 */
	Standing admit(ConcertId concert, UserId user, Instant now);

	/** Takes the user out of line or out of the active set; the slot refills at once. */
	void leave(ConcertId concert, UserId user, Instant now);

	/**
	 * Expires run-out admissions, fills free slots and drops waiting users who stopped
	 * polling, in every concert's line.
	 */
	void refill(Instant now);

	/** Number of ACTIVE users of the concert. */
	long activeCount(ConcertId concert, Instant now);

	/**
	 * How many wait and how many are admitted, and how many were admitted since the line
	 * began, in one atomic read (for metrics). Only reads: it neither expires nor admits
	 * anyone. An unknown concert has an empty line.
	 */
	QueueSize size(ConcertId concert, Instant now);

	/**
	 * The secret that signs queue tokens, the same for every instance sharing the store.
	 */
	byte[] tokenKey();

}
