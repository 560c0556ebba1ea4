package dev.ticketing.queue;

import java.time.Instant;

/**
 * A user's place: {@code position} 1 is next in line (0 unless WAITING);
 * {@code activeUntil} is set only when ACTIVE.
 */
record Standing(QueueState state, long position, Instant activeUntil) {

	static Standing waiting(long position) {
		return new Standing(QueueState.WAITING, position, null);
	}

	static Standing active(Instant until) {
		return new Standing(QueueState.ACTIVE, 0, until);
	}

	static Standing expired() {
		return new Standing(QueueState.EXPIRED, 0, null);
	}

}
