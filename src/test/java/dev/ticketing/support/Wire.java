package dev.ticketing.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

}
