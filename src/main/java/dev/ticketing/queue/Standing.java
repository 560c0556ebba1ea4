package dev.ticketing.queue;

import java.time.Instant;

/**
 * Where a user stands. {@code position}: 1 is next in line, 0 when not waiting, -1 while
 * the sale has not opened (the pre-queue is shuffled at the opening). {@code activeUntil}
 * is set only when ACTIVE. {@code admissionsPerSecond}: the concert's measured admission
 * rate, for the wait estimate.
 */
record Standing(QueueState state, long position, Instant activeUntil, double admissionsPerSecond) {

	static final long UNKNOWN = -1;

	static Standing waiting(long position, double rate) {
		return new Standing(QueueState.WAITING, position, null, rate);
	}

	static Standing active(Instant until, double rate) {
		return new Standing(QueueState.ACTIVE, 0, until, rate);
	}

	static Standing expired(double rate) {
		return new Standing(QueueState.EXPIRED, 0, null, rate);
	}

	/** The same place, whatever the measured rate: what tests compare. */
	Standing place() {
		return new Standing(this.state, this.position, this.activeUntil, 0);
	}

}
