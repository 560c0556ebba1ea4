package dev.ticketing.queue;

/**
 * A concert's line at one moment, for monitoring. The counts that only grow ({@code
 * admissions}, {@code waited}, {@code waitedMillis}) are meant for rates: admissions per
 * second, and the mean activation wait as the rate of {@code waitedMillis} over the rate
 * of {@code waited}.
 *
 * @param waiting users in line, the pre-queue included; a user who stopped polling counts
 * until the sweep drops them
 * @param active users admitted to the booking path
 * @param admissions users admitted since the line began
 * @param waited admitted users whose time of entering the line is known (in Redis, to the
 * second, for about a day of arrivals)
 * @param waitedMillis their time from entering the line to admission, summed
 * @param limit how many may be admitted at once: {@code max-active}, or the adaptive
 * limit
 */
public record QueueSize(long waiting, long active, long admissions, long waited, long waitedMillis, long limit) {

	/** A line nobody entered, under {@code limit}. */
	public static QueueSize empty(long limit) {
		return new QueueSize(0, 0, 0, 0, 0, limit);
	}

}
