package dev.ticketing.queue;

import java.io.IOException;

/**
 * One open channel that a waiting fan follows their status on: a server-sent event stream
 * or a WebSocket. {@link QueueStreams} decides what goes out and when, for every kind
 * alike; a channel only knows how its kind writes and ends. Only one visit at a time
 * writes to a channel.
 */
interface StatusChannel {

	/** The kinds of channel, as the metric of open channels tells them apart. */
	enum Kind {

		EVENT_STREAM("event-stream"), WEBSOCKET("websocket");

		private final String tag;

		Kind(String tag) {
			this.tag = tag;
		}

		String tag() {
			return this.tag;
		}

	}

	Kind kind();

	/**
	 * Sends the status, as the {@code status} event of a stream or a text message.
	 * @throws IOException if the client went away
	 */
	void send(QueueController.TicketView status) throws IOException;

	/**
	 * Sends something small that says nothing, so that proxies keep an idle channel open
	 * and a client that went away is noticed.
	 * @throws IOException if the client went away
	 */
	void heartbeat() throws IOException;

	/** Ends the channel as done: the status it follows is over (EXPIRED). */
	void complete();

	/** Ends the channel as the instance shuts down: its client reconnects elsewhere. */
	void goAway();

}
