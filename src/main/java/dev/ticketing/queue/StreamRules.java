package dev.ticketing.queue;

import java.time.Duration;

import org.springframework.modulith.NamedInterface;

/**
 * The rules of the queue's status streams that a guard in front of its controller needs
 * ({@code concert.queue.max-streams-per-*} and {@code stream-heartbeat}): the stream is
 * the queue's, so its settings are too, while the count of open streams is kept where
 * requests come in. Every cap counts the streams open on one instance; 0 is no cap.
 *
 * @param maxStreamsPerToken most status streams one queue token keeps open
 * @param maxStreamsPerUser most status streams one user keeps open, all their tokens
 * together
 * @param maxStreamsPerAddress most status streams one client address keeps open
 * @param maxStreamsPerInstance most status streams open in all
 * @param heartbeat how often an unchanged stream is written to: a stream whose client
 * went away is noticed, and stops counting, by its next write
 */
@NamedInterface("streams")
public record StreamRules(int maxStreamsPerToken, int maxStreamsPerUser, int maxStreamsPerAddress,
		int maxStreamsPerInstance, Duration heartbeat) {

}
