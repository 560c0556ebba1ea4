/**
 * The waiting queue in front of the booking path: a FIFO line per concert, at most
 * {@code concert.queue.max-active} users admitted (ACTIVE) at once, and the tokens that
 * prove a user's place. Booking endpoints take an {@link dev.ticketing.common.Admission}
 * parameter (an ACTIVE token), or a {@link dev.ticketing.common.QueuePass} (any genuine
 * token: paying for or cancelling one's own hold), which this module resolves from the
 * bearer token. With adaptive admission it also measures the booking calls, whose health
 * moves each line's limit.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Queue")
package dev.ticketing.queue;
