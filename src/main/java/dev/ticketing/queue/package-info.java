/**
 * The waiting queue in front of the booking path: a FIFO line per concert, at most
 * {@code concert.queue.max-active} users admitted (ACTIVE) at once, and the tokens that
 * prove a user's place. Booking endpoints take an {@link dev.ticketing.common.Admission}
 * parameter, which this module resolves from the bearer token.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Queue")
package dev.ticketing.queue;
