package dev.ticketing.queue;

import java.time.Instant;
import java.util.BitSet;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

/**
 * The queue's store: Redis ({@link RedisWaitingQueue}, one script), in every mode; the
 * embedded mode runs a Redis of its own. Every operation is atomic; every one but
 * {@link #size} expires admissions that ran out and admits waiting users into free slots,
 * never above the cap, however many callers run at once. {@link #size} only reads.
 * <p>
 * Each entry of a user into a concert's line has a number ({@link Standing#entry()}),
 * which the user's token carries. The operations that answer for a token take that number
 * and treat a user whose current entry is another one as not in line at all, in the same
 * atomic step: a token of an earlier entry reads EXPIRED, admits nobody, keeps no place
 * and removes nothing.
 */
interface WaitingQueue {

	/**
	 * Puts the user in line, unless already waiting or active (then nothing changes and
	 * the current entry is returned). Before {@code saleOpensAt} the user joins the
	 * pre-queue, shuffled at the opening.
	 */
	Standing enter(ConcertId concert, UserId user, Instant saleOpensAt, Instant now);

	/**
	 * Where the user stands in that entry; counts as the user polling, which keeps a
	 * waiting user's place.
	 */
	Standing standing(ConcertId concert, UserId user, long entry, Instant now);

	/**
	 * As {@link #standing}, for a booking call: an ACTIVE user's idle timer restarts.
	 */
	Standing admit(ConcertId concert, UserId user, long entry, Instant now);

	/**
	 * Takes the user out of line or out of the active set if {@code entry} is the user's
	 * current entry; the slot refills at once.
	 */
	void leave(ConcertId concert, UserId user, long entry, Instant now);

	/**
	 * Ends the user's admission, whichever the entry (after their last payment); the slot
	 * refills at once. A place the user waits in again stays theirs.
	 */
	void release(ConcertId concert, UserId user, Instant now);

	/**
	 * Expires run-out admissions, fills free slots and drops waiting users who stopped
	 * polling, in the line of every concert where users wait; a concert where nobody
	 * waits costs nothing.
	 */
	void refill(Instant now);

	/**
	 * With {@code concert.queue.admission=adaptive}: records {@code instance}'s report of
	 * the concert's booking path and, at most once per {@code adaptive.interval} for all
	 * instances together, moves the line's limit one {@link AdaptiveLimit} step from the
	 * reports of every instance that reported within the last two intervals. The limit
	 * lives with the line, so every instance admits by the same one; a risen limit admits
	 * at once.
	 * @return the limit admissions obey now
	 */
	int adapt(ConcertId concert, String instance, Health report, Instant now);

	/**
	 * An instance's visit for all its waiting users of the concert at once: the waiting
	 * users of the line's current generation whose entries' seqs are {@code callers}
	 * count as seen (as a {@link #standing} call would), except those no longer in line,
	 * whom the reading names gone; the line moves as on every call; and the reading tells
	 * where the line stands. Its cost does not depend on how many called.
	 */
	LineProgress progress(ConcertId concert, BitSet callers, Instant now);

	/**
	 * How many wait and how many are admitted, and how many were admitted since the line
	 * began, in one atomic read (for metrics). Only reads: it neither expires nor admits
	 * anyone. An unknown concert has an empty line.
	 */
	QueueSize size(ConcertId concert, Instant now);

}
