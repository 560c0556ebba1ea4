package dev.ticketing.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's HTTP API as it goes over the wire, through the JDK's own client: for
 * tests that read an event stream as it comes, send what {@link Api} would tidy up (a
 * path the firewall rejects, a body as exact text, a header of their own), or read the
 * answer as the bytes that came. Nothing is added that a test does not name.
 */
public final class Wire {

	private final String base;

	private final HttpClient http;

	public Wire(int port) {
		this(port, HttpClient.newHttpClient());
	}

	/** A client that speaks only {@code version}, never offering an upgrade. */
	public Wire(int port, HttpClient.Version version) {
		this(port, HttpClient.newBuilder().version(version).build());
	}

	private Wire(int port, HttpClient http) {
		this.base = "http://127.0.0.1:" + port;
		this.http = http;
	}

	/**
	 * Sends {@code method path}, with {@code Authorization: Bearer bearer} unless it is
	 * null, {@code json} as an {@code application/json} body unless it is null, and then
	 * each pair of {@code headers} (name, value).
	 */
	public HttpResponse<String> send(String method, String path, String bearer, String json, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method,
					(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Sends {@code GET path} as {@link #send} would, the answer's body as the bytes that
	 * came (not decompressed).
	 */
	public HttpResponse<byte[]> getBytes(String path, String bearer, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).GET();
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	/**
	 * Opens the queue status stream of {@code concertId} with {@code token}: the answer
	 * comes once the headers have, its body is the stream as the service writes it.
	 */
	public HttpResponse<InputStream> openStream(Object concertId, String token)
			throws IOException, InterruptedException {
		return openStream(concertId, token, new String[0]);
	}

	/** {@link #openStream(Object, String)}, with each pair of {@code headers} too. */
	public HttpResponse<InputStream> openStream(Object concertId, String token, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create(this.base + "/api/v1/queue/concerts/" + concertId + "/stream"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream");
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
	}

	/**
	 * Opens the queue's WebSocket status channel of {@code concertId}, with each pair of
	 * {@code headers} in its handshake (an {@code Origin}), through the JDK's WebSocket
	 * client; nothing is sent yet.
	 * @return the channel, or the handshake's HTTP status where it was refused
	 */
	public Live openLive(Object concertId, String... headers) throws InterruptedException {
		Live live = new Live();
		WebSocket.Builder builder = this.http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		try {
			live.socket = builder
				.buildAsync(
						URI.create(this.base.replace("http:", "ws:") + "/api/v1/queue/concerts/" + concertId + "/live"),
						live)
				.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				live.refusedWith = refused.getResponse().statusCode();
				return live;
			}
			throw ex;
		}
		return live;
	}

	/** A WebSocket status channel as its client sees it. */
	public static final class Live implements WebSocket.Listener {

		private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

		private final CompletableFuture<Close> closed = new CompletableFuture<>();

		private final AtomicInteger pings = new AtomicInteger();

		private final StringBuilder partial = new StringBuilder();

		private WebSocket socket;

		private int refusedWith;

		/** The HTTP status that refused the handshake; 0 if it was taken. */
		public int refusedWith() {
			return this.refusedWith;
		}

		/** Sends {@code text} as one text message. */
		public Live send(String text) {
			this.socket.sendText(text, true).join();
			return this;
		}

		/** The next text message, or null if none comes in {@code seconds}. */
		public String next(long seconds) throws InterruptedException {
			return this.messages.poll(seconds, TimeUnit.SECONDS);
		}

		/** How the server closed the channel, waiting up to {@code seconds} for it. */
		public Close closing(long seconds) throws Exception {
			return this.closed.get(seconds, TimeUnit.SECONDS);
		}

		public boolean isClosed() {
			return this.closed.isDone();
		}

		public int pings() {
			return this.pings.get();
		}

		/** Closes the channel from this side, as a page that goes away does. */
		public void close() {
			if (this.socket != null && !this.socket.isOutputClosed()) {
				this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
			}
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				this.messages.add(this.partial.toString());
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
			this.pings.incrementAndGet();
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.closed.complete(new Close(statusCode, reason));
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.closed.completeExceptionally(error);
		}

		/** A close frame's status code and reason. */
		public record Close(int code, String reason) {
		}

	}

}
