package dev.ticketing.queue;

import java.time.Instant;

/**
 * A token with where its bearer stands.
 */
public record QueueTicket(String tokenId, QueueState status, long position, long estimatedWaitSeconds,
		Instant activeUntil) {
}
