package dev.ticketing.support;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	/** Calls that act for the user they name, and so need that user's access token. */
	private static final Pattern SIGNED_IN = Pattern
		.compile("^/api/v1/(?:queue/concerts/[^/]+/users|presale/concerts/[^/]+/users|users)/([^/?]+)");

	private final String host;

	private final int port;

	private final String forwardedFor;

	private final RestClient http;

	private final Function<String, String> signIn;

	/** Sent on every call as {@code Idempotency-Key}, unless null. */
	private final String idempotencyKey;

	/**
	 * A client that calls each user's own endpoints as that user, with a token of the
	 * {@link TestIssuer}, unless a call names a token itself.
	 */
	public Api(int port) {
		this("127.0.0.1", port, null, TestIssuer::tokenFor, null);
	}

	/**
	 * A client behind a proxy that forwards its address as {@code X-Forwarded-For}: the
	 * service trusts the header from loopback, its only trusted proxy by default.
	 */
	public Api(int port, String forwardedFor) {
		this("127.0.0.1", port, forwardedFor, TestIssuer::tokenFor, null);
	}

	private Api(String host, int port, String forwardedFor, Function<String, String> signIn, String idempotencyKey) {
		this.http = RestClient.builder().baseUrl("http://" + host + ":" + port).defaultHeaders((h) -> {
			if (forwardedFor != null) {
				h.set("X-Forwarded-For", forwardedFor);
			}
		}).defaultStatusHandler((status) -> true, (request, response) -> {
		}).build();
		this.host = host;
		this.port = port;
		this.forwardedFor = forwardedFor;
		this.signIn = signIn;
		this.idempotencyKey = idempotencyKey;
	}

	/**
	 * An access token of a demo account of the embedded mode's own sign-in, from the
	 * client-credentials grant (its password is its client secret).
	 */
	public static String demoAccessToken(int port, String username) {
		JsonNode tokens = RestClient.create("http://127.0.0.1:" + port)
			.post()
			.uri("/oauth2/token")
			.headers((headers) -> headers.setBasicAuth(username, "demo"))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("grant_type=client_credentials")
			.retrieve()
			.body(JsonNode.class);
		return tokens.get("access_token").asString();
	}

	/** A client that sends {@code accessToken} on every call that acts for a user. */
	public Api signedInWith(String accessToken) {
		return new Api(this.host, this.port, this.forwardedFor, (user) -> accessToken, this.idempotencyKey);
	}

	/**
	 * This client, connecting to the service at {@code address} (one of this machine's,
	 * an IPv6 one in brackets) instead of loopback: the connection then comes from that
	 * address, as from another machine.
	 */
	public Api connectingTo(String address) {
		return new Api(address, this.port, this.forwardedFor, this.signIn, this.idempotencyKey);
	}

	/** A client that never signs in. */
	public Api anonymous() {
		return new Api(this.host, this.port, this.forwardedFor, (user) -> null, this.idempotencyKey);
	}

	/** This client, sending {@code Idempotency-Key: key} on every call. */
	public Api withIdempotencyKey(String key) {
		return new Api(this.host, this.port, this.forwardedFor, this.signIn, key);
	}

	/**
	 * {@link #post} with the body as the bytes that came, decoded as UTF-8: for comparing
	 * two answers exactly.
	 */
	public ResponseEntity<String> postForText(String path, String token, Object body) {
		RestClient.RequestBodySpec request = this.http.post().uri(path).headers((h) -> bearer(h, path, token));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(String.class);
	}

	/** A GET whose answer is text, such as CSV. */
	public ResponseEntity<String> getText(String path, String token) {
		return this.http.get().uri(path).headers((h) -> bearer(h, path, token)).retrieve().toEntity(String.class);
	}

	public ResponseEntity<JsonNode> get(String path, String token) {
		return this.http.get().uri(path).headers((h) -> bearer(h, path, token)).retrieve().toEntity(JsonNode.class);
	}

	public ResponseEntity<JsonNode> post(String path, String token, Object body) {
		RestClient.RequestBodySpec request = this.http.post().uri(path).headers((h) -> bearer(h, path, token));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.retrieve().toEntity(JsonNode.class);
	}

	public ResponseEntity<JsonNode> patch(String path, String token, Object body) {
		return withJson(this.http.patch(), path, token, body);
	}

	public ResponseEntity<JsonNode> put(String path, String token, Object body) {
		return withJson(this.http.put(), path, token, body);
	}

	private ResponseEntity<JsonNode> withJson(RestClient.RequestBodyUriSpec method, String path, String token,
			Object body) {
		return method.uri(path)
			.headers((h) -> bearer(h, path, token))
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	public ResponseEntity<JsonNode> postRaw(String path, String contentType, String body) {
		return this.http.post()
			.uri(path)
			.headers((h) -> bearer(h, path, null))
			.header(HttpHeaders.CONTENT_TYPE, contentType)
			.body(body)
			.retrieve()
			.toEntity(JsonNode.class);
	}

	public ResponseEntity<JsonNode> delete(String path, String token) {
		return this.http.delete().uri(path).headers((h) -> bearer(h, path, token)).retrieve().toEntity(JsonNode.class);
	}

	/** Issues a queue token and returns its id. */
	public String token(Object concertId, Object userId) {
		return post("/api/v1/queue/concerts/" + concertId + "/users/" + userId, null, null).getBody()
			.get("tokenId")
			.asString();
	}

	/**
	 * Asks for a place in the concert's line as {@code userId}, sending {@code altcha} (a
	 * solved join challenge) unless null.
	 */
	public ResponseEntity<JsonNode> joinLine(Object concertId, Object userId, String altcha) {
		String path = "/api/v1/queue/concerts/" + concertId + "/users/" + userId;
		return this.http.post().uri(path).headers((h) -> {
			bearer(h, path, null);
			if (altcha != null) {
				h.set("Altcha", altcha);
			}
		}).retrieve().toEntity(JsonNode.class);
	}

	private void bearer(HttpHeaders headers, String path, String token) {
		if (token == null) {
			Matcher user = SIGNED_IN.matcher(path);
			token = user.find() ? this.signIn.apply(user.group(1)) : null;
		}
		if (token != null) {
			headers.setBearerAuth(token);
		}
		if (this.idempotencyKey != null) {
			headers.set("Idempotency-Key", this.idempotencyKey);
		}
	}

}
