package dev.ticketing.queue;

import jakarta.servlet.http.HttpServletRequest;

import dev.ticketing.common.UserId;

import org.springframework.modulith.NamedInterface;

/**
 * The limits on status channels, for a channel that learns its token only once it is
 * open: a WebSocket, whose client sends the token as its first message. A status stream
 * is limited before its controller runs, by the guard in front of it; a WebSocket here,
 * when its token is accepted, by the same rate limits (its token's and its address's
 * status limits) and in the same count of open channels against the same caps (per token,
 * user, client address and instance).
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
	 * Counts one more channel of {@code token}, unless a rate limit or a cap refuses it.
	 * @param client what {@link #clientOf} said of the channel's opening request
	 * @return the channel as counted, to be closed when it ends
	 * @throws dev.ticketing.common.ProblemException 429 {@code RATE_LIMITED} or
	 * {@code TOO_MANY_STREAMS}; nothing counts then
	 */
	Counted tryOpen(String token, UserId user, String client);

	/** A channel that counts against the caps until it is closed. */
	@FunctionalInterface
	interface Counted {

		/** The channel ended: it stops counting. Only the first call counts. */
		void closed();

	}

}
