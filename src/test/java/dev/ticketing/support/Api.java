package dev.ticketing.support;

import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The service's HTTP API as a client sees it: every status comes back as a response,
 * never as an exception.
 */
public final class Api {

	private final RestClient http;

	public Api(int port) {
		this(port, null);
	}

	/**
	 * A client behind a proxy that forwards its address as {@code X-Forwarded-For}: the
	 * service trusts the header from loopback, as from any internal proxy.
	 */
	public Api(int port, String forwardedFor) {
		this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultHeaders((h) -> {
			if (forwardedFor != null) {
				h.set("X-Forwarded-For", forwardedFor);
			}
		}).defaultStatusHandler((status) -> true, (request, response) -> {
		}).build();
	}

	public ResponseEntity<JsonNode> get(String path, String token) {
		return this.http.get().uri(path).headers((h) -> bearer(h, token)).retrieve().toEntity(JsonNode.class);
	}

	public ResponseEntity<JsonNode> post(String path, String token, Object body) {
		RestClient.RequestBodySpec request = this.http.post().uri(path).headers((h) -> bearer(h, token));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

	public ResponseEntity<JsonNode> postRaw(String path, String contentType, String body) {
		return this.http.post()
			.uri(path)
			.header(HttpHeaders.CONTENT_TYPE, contentType)
			.body(body)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	public ResponseEntity<JsonNode> delete(String path, String token) {
		return this.http.delete().uri(path).headers((h) -> bearer(h, token)).retrieve().toEntity(JsonNode.class);
	}

	/** Issues a queue token and returns its id. */
	public String token(Object concertId, Object userId) {
		return post("/api/v1/queue/concerts/" + concertId + "/users/" + userId, null, null).getBody()
			.get("tokenId")
			.asString();
	}

	private static void bearer(HttpHeaders headers, String token) {
		if (token != null) {
			headers.setBearerAuth(token);
		}
	}

}
