package dev.ticketing.queue;

import java.time.Instant;

/**
 * A token with where its bearer stands. {@code position} is null while the sale has not
 * opened ({@code opensAt}): the pre-queue is shuffled at the opening.
 * {@code pollAfterSeconds} tells waiting clients when to ask again.
 */
public record QueueTicket(String tokenId, QueueState status, Long position, long estimatedWaitSeconds,
		long pollAfterSeconds, Instant activeUntil, Instant opensAt) {

	QueueTicket(String tokenId, QueueState status, long position, long estimatedWaitSeconds, long pollAfterSeconds,
			Instant activeUntil, Instant opensAt) {
		this(tokenId, status, Long.valueOf(position), estimatedWaitSeconds, pollAfterSeconds, activeUntil, opensAt);
	}

}
