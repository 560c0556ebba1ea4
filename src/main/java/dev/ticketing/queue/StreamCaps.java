package dev.ticketing.queue;

import jakarta.servlet.http.HttpServletRequest;

import dev.ticketing.common.UserId;

import org.springframework.modulith.NamedInterface;

/**
 * The caps on open status channels (per token, user, client address and instance), for a
 * channel that learns its token only once it is open: a WebSocket, whose client sends the
 * token as its first message. A status stream is counted before its controller runs, by
 * the guard in front of it; a WebSocket is counted here, when its token is accepted, in
 * the same count.
 */
@NamedInterface("streams")
public interface StreamCaps {

	/**
	 * The client address the caps count a channel under, read from the request that opens
	 * it: once the connection is upgraded that request is gone.
	 * @return the address's key, or null for one that no cap counts (exempt)
	 */
	String clientOf(HttpServletRequest opening);

	/**
	 * Counts one more channel of {@code token}, unless that would pass a cap.
	 * @param client what {@link #clientOf} said of the channel's opening request
	 * @return the channel as counted, to be closed when it ends; null if a cap is full
	 */
	Counted tryOpen(String token, UserId user, String client);

	/** A channel that counts against the caps until it is closed. */
	@FunctionalInterface
	interface Counted {

		/** The channel ended: it stops counting. Only the first call counts. */
		void closed();

	}

}
