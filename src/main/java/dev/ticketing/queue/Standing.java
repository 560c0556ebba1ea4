package dev.ticketing.queue;

import java.time.Instant;

/**
 * Where a user stands. {@code position}: 1 is next in line, 0 when not waiting, -1 while
 * the sale has not opened (the pre-queue is shuffled at the opening). {@code activeUntil}
 * is set only when ACTIVE. {@code admissionsPerSecond}: the concert's measured admission
 * rate, for the wait estimate. {@code entry}: the number of the user's entry into the
 * line, the same from entering until the user leaves, pays or drops out, and never given
 * to another entry of the concert's line; 0 when EXPIRED.
 */
record Standing(QueueState state, long position, Instant activeUntil, double admissionsPerSecond, long entry) {

	static final long UNKNOWN = -1;

	static Standing waiting(long position, double rate, long entry) {
		return new Standing(QueueState.WAITING, position, null, rate, entry);
	}

	static Standing active(Instant until, double rate, long entry) {
		return new Standing(QueueState.ACTIVE, 0, until, rate, entry);
	}

	static Standing expired(double rate) {
		return new Standing(QueueState.EXPIRED, 0, null, rate, 0);
	}

	/** The same place, whatever the measured rate and the entry: what tests compare. */
	Standing place() {
		return new Standing(this.state, this.position, this.activeUntil, 0, 0);
	}

}
