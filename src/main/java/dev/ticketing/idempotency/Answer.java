package dev.ticketing.idempotency;

import java.util.Objects;

import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.ProblemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A call's answer as it went out, and as a retry with the same key gets it again: status,
 * {@code Content-Type} and the body, byte for byte.
 */
public record Answer(int status, String contentType, byte[] body) {

	/** Set on an answer that was given before and is repeated, not computed anew. */
	public static final String REPLAYED = "Idempotent-Replayed";

	public Answer {
		Objects.requireNonNull(contentType, "content type");
		Objects.requireNonNull(body, "body");
	}

	/**
	 * {@code value} as JSON, with {@code status}, as Spring MVC would have written it.
	 */
	public static Answer json(int status, Object value, ObjectMapper json) {
		return new Answer(status, MediaType.APPLICATION_JSON_VALUE, json.writeValueAsBytes(value));
	}

	/** The problem document of {@code refusal} for the request to {@code instance}. */
	static Answer of(ProblemException refusal, String instance, ObjectMapper json) {
		ResponseEntity<byte[]> response = refusal.toResponse(instance, json);
		return new Answer(response.getStatusCode().value(), response.getHeaders().getContentType().toString(),
				response.getBody());
	}

	boolean isSuccess() {
		return this.status >= 200 && this.status < 300;
	}

	ResponseEntity<byte[]> toResponse(boolean replayed) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(this.status)
			.header(HttpHeaders.CONTENT_TYPE, this.contentType);
		if (replayed) {
			response.header(REPLAYED, "true");
		}
		return response.body(this.body);
	}

}
