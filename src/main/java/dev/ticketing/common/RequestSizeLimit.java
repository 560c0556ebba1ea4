package dev.ticketing.common;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies larger than {@code concert.web.max-body-size} before anything
 * reads them: every body of this API is a few dozen bytes, and an unbounded one would
 * only cost memory.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	private final HandlerExceptionResolver resolver;

	RequestSizeLimit(@Value("${concert.web.max-body-size:16KB}") DataSize maxBodySize,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.maxBytes = maxBodySize.toBytes();
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.maxBytes) {
			refuse(request, response, new ProblemException(413, "PAYLOAD_TOO_LARGE", "Payload too large",
					"Request bodies are limited to " + this.maxBytes + " bytes"));
			return;
		}
		if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
			refuse(request, response, new ProblemException(411, "LENGTH_REQUIRED", "Length required",
					"Send request bodies with a Content-Length"));
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemException problem) {
		this.resolver.resolveException(request, response, null, problem);
	}

}
