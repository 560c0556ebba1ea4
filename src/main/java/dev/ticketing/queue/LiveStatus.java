package dev.ticketing.queue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * A waiting fan's status over a WebSocket ({@value #PATH}), beside the event stream: the
 * same status JSON on every change, a ping when nothing changed for a while, closed
 * normally (1000) once the token is EXPIRED and with 1001 when the instance shuts down.
 * An upgraded connection holds much less of the server than an open event stream, whose
 * whole HTTP request stays open with it (docs/PERFORMANCE.md).
 * <p>
 * A browser cannot give a WebSocket a header, and a token in the address would be written
 * to access logs: the client sends its queue token as its first text message. It is
 * verified as the event stream's bearer token is, for the path's concert; a missing,
 * invalid or expired token, or none within {@link #TOKEN_WAIT}, closes the channel with
 * 1008 (policy violation) and the problem's stable code as the reason
 * ({@code INVALID_TOKEN}, {@code TOKEN_EXPIRED}). An accepted token takes from the same
 * status rate limits and counts against the same caps as the event streams
 * ({@link StreamCaps}); past one the channel closes with 1013 (try again later) and
 * {@code RATE_LIMITED} or {@code TOO_MANY_STREAMS}, and the page polls instead. Messages
 * after the token are ignored.
 */
final class LiveStatus extends TextWebSocketHandler {

	static final String PATH = "/api/v1/queue/concerts/{concertId}/live";

	/** How long an open channel may wait for its token: enough for any client to send. */
	static final Duration TOKEN_WAIT = Duration.ofSeconds(5);

	private static final String CONCERT = LiveStatus.class.getName() + ".concert";

	private static final String CLIENT = LiveStatus.class.getName() + ".client";

	private static final String CHANNEL = LiveStatus.class.getName() + ".channel";

	private final QueueService queue;

	private final QueueStreams streams;

	private final ObjectProvider<StreamCaps> caps;

	private final ObjectMapper json;

	LiveStatus(QueueService queue, QueueStreams streams, ObjectProvider<StreamCaps> caps, ObjectMapper json) {
		this.queue = queue;
		this.streams = streams;
		this.caps = caps;
		this.json = json;
	}

	/**
	 * What a channel needs of its opening request, kept before the upgrade lets go of it:
	 * the path's concert and the client's address as the caps count it.
	 */
	HandshakeInterceptor opening() {
		return new HandshakeInterceptor() {

			@Override
			public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
					WebSocketHandler handler, Map<String, Object> attributes) {
				if (request instanceof ServletServerHttpRequest servlet) {
					HttpServletRequest opening = servlet.getServletRequest();
					if (opening
						.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
							&& variables.get("concertId") instanceof String concert) {
						attributes.put(CONCERT, concert);
					}
					StreamCaps counting = LiveStatus.this.caps.getIfAvailable();
					String client = (counting != null) ? counting.clientOf(opening) : null;
					if (client != null) {
						attributes.put(CLIENT, client);
					}
				}
				return true;
			}

			@Override
			public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
					Exception ex) {
			}

		};
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) {
		Channel channel = new Channel(session, this.json);
		session.getAttributes().put(CHANNEL, channel);
		CompletableFuture.runAsync(() -> {
			if (channel.takeToken()) {
				close(session, CloseStatus.POLICY_VIOLATION.withReason(QueueToken.invalid().code()));
			}
		}, CompletableFuture.delayedExecutor(TOKEN_WAIT.toMillis(), TimeUnit.MILLISECONDS));
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		if (!(session.getAttributes().get(CHANNEL) instanceof Channel channel) || !channel.takeToken()) {
			return;
		}
		String token = message.getPayload().strip();
		QueueToken verified;
		try {
			if (!(session.getAttributes().get(CONCERT) instanceof String concert)) {
				throw QueueToken.invalid();
			}
			verified = this.queue.verifyFor(ConcertId.of(concert), token);
		}
		catch (ProblemException refused) {
			refuse(session, refused);
			return;
		}
		StreamCaps counting = this.caps.getIfAvailable();
		if (counting != null) {
			StreamCaps.Counted counted;
			try {
				counted = counting.tryOpen(token, verified.userId(), (String) session.getAttributes().get(CLIENT));
			}
			catch (ProblemException refused) {
				refuse(session, refused);
				return;
			}
			if (!channel.count(counted)) {
				return;
			}
		}
		try {
			this.streams.open(verified, channel);
		}
		catch (ProblemException refused) {
			channel.end();
			refuse(session, refused);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		if (session.getAttributes().get(CHANNEL) instanceof Channel channel) {
			this.streams.closed(channel);
			channel.end();
		}
	}

	/**
	 * Closes with the refusal's code: 1008 for a refusal of the client's token, 1013 for
	 * one that passes (a store that is down), 1011 for anything else.
	 */
	private static void refuse(WebSocketSession session, ProblemException refused) {
		int status = refused.status();
		CloseStatus close = (status == 429 || status == 503) ? CloseStatus.SERVICE_OVERLOAD
				: (status >= 400 && status < 500) ? CloseStatus.POLICY_VIOLATION : CloseStatus.SERVER_ERROR;
		close(session, close.withReason(refused.code()));
	}

	private static void close(WebSocketSession session, CloseStatus status) {
		try {
			session.close(status);
		}
		catch (IOException | IllegalStateException ex) {
			// Gone already.
		}
	}

	/**
	 * One WebSocket as a status channel, and its place in the caps while it counts. Only
	 * a visit of {@link QueueStreams} writes to it, one at a time.
	 */
	private static final class Channel implements StatusChannel {

		private final WebSocketSession session;

		private final ObjectMapper json;

		private final AtomicBoolean tokenTaken = new AtomicBoolean();

		private StreamCaps.Counted counted;

		private boolean ended;

		Channel(WebSocketSession session, ObjectMapper json) {
			this.session = session;
			this.json = json;
		}

		/** True for the first message or the token's deadline, whichever comes first. */
		boolean takeToken() {
			return this.tokenTaken.compareAndSet(false, true);
		}

		/**
		 * Keeps the channel's count, or ends it at once if the channel ended meanwhile.
		 */
		synchronized boolean count(StreamCaps.Counted counted) {
			if (this.ended) {
				counted.closed();
				return false;
			}
			this.counted = counted;
			return true;
		}

		synchronized void end() {
			this.ended = true;
			if (this.counted != null) {
				this.counted.closed();
			}
		}

		@Override
		public Kind kind() {
			return Kind.WEBSOCKET;
		}

		@Override
		public void send(QueueController.TicketView status) throws IOException {
			this.session.sendMessage(new TextMessage(this.json.writeValueAsString(status)));
		}

		@Override
		public void heartbeat() throws IOException {
			this.session.sendMessage(new PingMessage());
		}

		@Override
		public void complete() {
			close(this.session, CloseStatus.NORMAL);
		}

		@Override
		public void goAway() {
			close(this.session, CloseStatus.GOING_AWAY);
		}

	}

}
