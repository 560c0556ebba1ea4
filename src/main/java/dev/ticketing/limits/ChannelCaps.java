package dev.ticketing.limits;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.http.HttpServletRequest;

import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.queue.StreamCaps;

/**
 * The limits of the queue's event streams for its WebSocket status channels: the status
 * rate limits of the channel's token and address, the same buckets a poll or a stream
 * takes from, and the caps of {@link OpenStreams}, counted together with the event
 * streams: a fan gets no more by mixing the two kinds.
 */
final class ChannelCaps implements StreamCaps {

	private final OpenStreams streams;

	private final ClientAddresses addresses;

	private final RateLimiter limiter;

	private final RateLimitInterceptor.Rule status;

	private final long retryAfterSeconds;

	ChannelCaps(OpenStreams streams, ClientAddresses addresses, RateLimiter limiter, RateLimitInterceptor.Rule status,
			long retryAfterSeconds) {
		this.streams = streams;
		this.addresses = addresses;
		this.limiter = limiter;
		this.status = status;
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	@Override
	public String clientOf(HttpServletRequest opening) {
		return this.addresses.key(opening);
	}

	@Override
	public Counted tryOpen(String token, UserId user, String client) {
		long wait = this.limiter.take(this.status.perUser(), token);
		String whose = "this queue token";
		if (wait == 0) {
			wait = this.limiter.take(this.status.perAddress(), client);
			whose = "this address";
		}
		if (wait > 0) {
			throw new ProblemException(429, "RATE_LIMITED", "Too many requests", "Too many requests from " + whose
					+ "; nothing was changed, retry in " + RateLimitInterceptor.wholeSeconds(wait) + " s");
		}
		OpenStreams.Holder holder = new OpenStreams.Holder(token, user.toString(), client, true);
		OpenStreams.Cap full = this.streams.tryOpen(holder);
		if (full != null) {
			throw new ProblemException(429, "TOO_MANY_STREAMS", "Too many requests",
					"Too many status streams are open for " + full.whose() + "; poll the status instead, or retry in "
							+ this.retryAfterSeconds + " s");
		}
		AtomicBoolean closed = new AtomicBoolean();
		return () -> {
			if (closed.compareAndSet(false, true)) {
				this.streams.closed(holder);
			}
		};
	}

}
