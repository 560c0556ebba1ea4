package dev.ticketing.limits;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.http.HttpServletRequest;

import dev.ticketing.common.UserId;
import dev.ticketing.queue.StreamCaps;

/**
 * The caps of {@link OpenStreams} for the queue's WebSocket status channels, counted
 * together with its event streams: a fan holds no more channels by mixing the two kinds.
 */
final class ChannelCaps implements StreamCaps {

	private final OpenStreams streams;

	private final ClientAddresses addresses;

	ChannelCaps(OpenStreams streams, ClientAddresses addresses) {
		this.streams = streams;
		this.addresses = addresses;
	}

	@Override
	public String clientOf(HttpServletRequest opening) {
		return this.addresses.key(opening);
	}

	@Override
	public Counted tryOpen(String token, UserId user, String client) {
		OpenStreams.Holder holder = new OpenStreams.Holder(token, user.toString(), client);
		if (this.streams.tryOpen(holder) != null) {
			return null;
		}
		AtomicBoolean closed = new AtomicBoolean();
		return () -> {
			if (closed.compareAndSet(false, true)) {
				this.streams.closed(holder);
			}
		};
	}

}
