package dev.ticketing.queue;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import org.springframework.modulith.NamedInterface;

/**
 * Whose a status stream is, for a guard that caps the streams per user before the stream
 * opens: the token's user, as its seal says.
 */
@NamedInterface("streams")
@FunctionalInterface
public interface StreamHolders {

	/**
	 * @return the user {@code token} was issued to for {@code concert}, or null for what
	 * is no genuine token of that concert (the stream refuses it). Whether the token's
	 * entry still stands is not asked: the stream asks that itself.
	 */
	UserId holder(ConcertId concert, String token);

}
