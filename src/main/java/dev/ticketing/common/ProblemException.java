package dev.ticketing.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A refusal the client can act on: becomes an RFC 9457 problem with HTTP status
 * {@link #status()} and the stable machine-readable {@link #code()}.
 * <p>
 * Every problem document of this service leaves {@code type} out, which RFC 9457 (4.2.1)
 * reads as {@code about:blank}: the status and {@code title} say what happened, and
 * {@code code} is what a client tells refusals apart by. Members without a value are left
 * out too, never sent as {@code null}.
 */
public class ProblemException extends RuntimeException {

	/** How long a client is asked to wait before retrying after a 503. */
	static final String RETRY_AFTER_SECONDS = "1";

	private final int status;

	private final String code;

	private final String title;

	public ProblemException(int status, String code, String title, String detail) {
		// A refusal is an answer, not a fault: no stack trace to fill on the hot path
		// (thousands of sold-out answers a second in a flash sale).
		super(detail, null, false, false);
		this.status = status;
		this.code = code;
		this.title = title;
	}

	public int status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String title() {
		return this.title;
	}

	/**
	 * This refusal as the RFC 9457 document the exception handler sends for it.
	 */
	public ProblemDetail toDetail() {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(this.status), getMessage());
		detail.setTitle(this.title);
		detail.setProperty("code", this.code);
		return detail;
	}

	/**
	 * {@link #toDetail()} with its status, for a controller that answers an expected
	 * refusal itself instead of throwing it through Spring MVC's exception resolution.
	 */
	public ResponseEntity<ProblemDetail> toResponse() {
		return withRetryAfter(ResponseEntity.status(this.status)).body(toDetail());
	}

	/**
	 * {@link #toDetail()} for the request to {@code instance}, already serialised, for a
	 * refusal sent thousands of times a second (a sold-out seat): a finished body goes
	 * out with its Content-Length, skipping the content negotiation, the generic
	 * serialisation of a {@link ProblemDetail} and the chunked write that a
	 * {@code ProblemDetail} body gets.
	 */
	public ResponseEntity<byte[]> toResponse(String instance, ObjectMapper json) {
		byte[] body = json.writeValueAsBytes(new Document(this.title, this.status, getMessage(), instance, this.code));
		return withRetryAfter(ResponseEntity.status(this.status)).contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(body);
	}

	/**
	 * A store that is down is a reason to come back, not to give up: every 503 says when
	 * (RFC 9110 Retry-After, in seconds).
	 */
	private ResponseEntity.BodyBuilder withRetryAfter(ResponseEntity.BodyBuilder response) {
		return (this.status == 503) ? response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS) : response;
	}

	/**
	 * 503 {@code STORE_UNAVAILABLE}: PostgreSQL or Redis did not answer, or answered with
	 * an error that retrying later can cure. Nothing was changed.
	 */
	public static ProblemException storeUnavailable() {
		return new ProblemException(503, "STORE_UNAVAILABLE", "Service unavailable",
				"A backing store is unavailable; nothing was changed, retry shortly");
	}

	public static ProblemException notFound(String code, String detail) {
		return new ProblemException(404, code, "Not found", detail);
	}

	public static ProblemException conflict(String code, String detail) {
		return new ProblemException(409, code, "Conflict", detail);
	}

	/**
	 * The members of {@link #toDetail()} as the exception handler writes them; no
	 * {@code type} (about:blank), as there.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	private record Document(String title, int status, String detail, String instance, String code) {
	}

}
