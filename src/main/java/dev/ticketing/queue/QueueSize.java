package dev.ticketing.queue;

/**
 * A concert's line at one moment, for monitoring.
 *
 * @param waiting users in line, the pre-queue included; a user who stopped polling counts
 * until the sweep drops them
 * @param active users admitted to the booking path
 * @param admissions users admitted since the line began, a count that only grows (its
 * rate is admissions per second)
 */
public record QueueSize(long waiting, long active, long admissions) {

	public static final QueueSize EMPTY = new QueueSize(0, 0, 0);

}
