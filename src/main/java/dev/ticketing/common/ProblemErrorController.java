package dev.ticketing.common;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What answers an error that never reached a controller: a request the security firewall
 * rejected ({@code ;} or an encoded {@code ..} in the path), a fault that escaped every
 * handler, any {@code sendError}. The same RFC 9457 problem document as every other
 * refusal, in place of Spring Boot's own error JSON (with no {@code code}, and not
 * {@code application/problem+json}) or its HTML page. It says no more than the status:
 * what went wrong inside is for the log, not the client.
 */
@RestController
@Hidden
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ProblemErrorController implements ErrorController {

	private final ObjectMapper json;

	ProblemErrorController(ObjectMapper json) {
		this.json = json;
	}

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<byte[]> error(HttpServletRequest request) {
		// Called directly, not as an error dispatch: there is no such resource.
		int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) ? code : 404;
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : "Error";
		String instance = (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) ? uri
				: request.getRequestURI();
		return new ProblemException(status, codeFor(status, known), title, detailFor(status)).toResponse(instance,
				this.json);
	}

	/**
	 * The codes {@link ProblemHandler} and the filters give the same statuses; else the
	 * status's name ({@code BAD_REQUEST}, {@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}).
	 */
	private static String codeFor(int status, HttpStatus known) {
		if (status >= 500) {
			return "INTERNAL_ERROR";
		}
		return switch (status) {
			case 401 -> "UNAUTHENTICATED";
			case 413 -> "PAYLOAD_TOO_LARGE";
			default -> (known != null) ? known.name() : "BAD_REQUEST";
		};
	}

	private static String detailFor(int status) {
		if (status >= 500) {
			return "The request could not be served; nothing is known to have changed, retry later";
		}
		return (status == 404) ? "No such resource" : "The request was refused before it reached the API";
	}

}
