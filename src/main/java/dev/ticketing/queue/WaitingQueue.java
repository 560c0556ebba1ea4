package dev.ticketing.queue;

import java.time.Instant;
import java.util.Optional;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

/**
 * The queue's store: Redis when instances share it, in-process for one instance. Both
 * adapters pass the same contract tests. Every operation also expires admissions that ran
 * out and admits waiting users into free slots, atomically, never above the cap.
 */
interface WaitingQueue {

	/**
	 * Puts the user in line unless already waiting or active.
	 * @param newSecret the secret to bind to the user if the user has none yet
	 * @return the secret bound to the user for this concert (the existing one if any)
	 */
	String enter(ConcertId concert, UserId user, String newSecret, Instant now);

	/**
	 * @return where the user stands, or empty when {@code secret} is not the user's
	 */
	Optional<Standing> standing(ConcertId concert, UserId user, String secret, Instant now);

	/**
	 * Takes the user out of line or out of the active set, freeing the slot at once.
	 */
	void leave(ConcertId concert, UserId user, Instant now);

	/**
	 * Expires run-out admissions and fills free slots in every concert's line.
	 */
	void refill(Instant now);

	/** Number of ACTIVE users of the concert. */
	long activeCount(ConcertId concert, Instant now);

}
