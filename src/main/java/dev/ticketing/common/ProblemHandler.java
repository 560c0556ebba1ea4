package dev.ticketing.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every refusal into an RFC 9457 problem carrying a stable {@code code}. Framework
 * errors (unreadable JSON, wrong types, unknown paths) get codes too, so a client never
 * has to parse a message.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(ProblemException.class)
	ResponseEntity<ProblemDetail> onProblem(ProblemException ex) {
		return ex.toResponse();
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ProblemDetail> onTypeMismatch(MethodArgumentTypeMismatchException ex) {
		ProblemException cause = problemIn(ex);
		if (cause != null) {
			return cause.toResponse();
		}
		return InvalidInput.of("INVALID_PARAMETER", "'" + ex.getName() + "' has the wrong format").toResponse();
	}

	/**
	 * A store that is down, slow, or refusing commands for now: Redis out of memory under
	 * {@code noeviction}, READONLY after a failover, BUSY with a long script, all arrive
	 * as {@link RedisSystemException}. None of these is the client's fault or a bug of
	 * ours.
	 */
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			QueryTimeoutException.class, CannotCreateTransactionException.class, TransactionSystemException.class,
			RedisSystemException.class })
	ResponseEntity<ProblemDetail> onStoreUnavailable(Exception ex) {
		log.warn("Store unavailable: {}", ex.getMessage());
		return ProblemException.storeUnavailable().toResponse();
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (ex instanceof HttpMessageNotReadableException) {
			ProblemException cause = problemIn(ex);
			ProblemException shown = (cause != null) ? cause : InvalidInput.of("MALFORMED_BODY",
					"The request body is missing or is not valid JSON of the expected shape");
			return new ResponseEntity<>(shown.toDetail(), headers, HttpStatus.valueOf(shown.status()));
		}
		ProblemDetail detail = (body instanceof ProblemDetail pd) ? pd
				: ProblemDetail.forStatusAndDetail(statusCode, ex.getMessage());
		detail.setProperty("code", codeFor(ex, statusCode));
		return super.handleExceptionInternal(ex, detail, headers, statusCode, request);
	}

	private static String codeFor(Exception ex, HttpStatusCode status) {
		return switch (ex) {
			case NoResourceFoundException e -> "NOT_FOUND";
			case NoHandlerFoundException e -> "NOT_FOUND";
			case HttpRequestMethodNotSupportedException e -> "METHOD_NOT_ALLOWED";
			case HttpMediaTypeNotSupportedException e -> "UNSUPPORTED_MEDIA_TYPE";
			case HttpMediaTypeNotAcceptableException e -> "NOT_ACCEPTABLE";
			case MissingServletRequestParameterException e -> "MISSING_PARAMETER";
			case MissingRequestHeaderException e -> "MISSING_HEADER";
			case MethodArgumentNotValidException e -> "VALIDATION_FAILED";
			case HandlerMethodValidationException e -> "VALIDATION_FAILED";
			default -> (status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR");
		};
	}

	private static ProblemException problemIn(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof ProblemException problem) {
				return problem;
			}
		}
		return null;
	}

}
