package dev.ticketing.common;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses request bodies larger than {@code concert.web.max-body-size} before anything
 * reads them: every body of this API is a few dozen bytes, and an unbounded one would
 * only cost memory.
 */
@Component
@ConditionalOnWebApplication
// Here, not only through the application's scan: web slice tests build this filter too.
@EnableConfigurationProperties(RequestSizeProperties.class)
class RequestSizeLimit extends OncePerRequestFilter {

	private final long defaultMaxBytes;

	/** An organiser's seat map of a large hall is bigger than any fan's call. */
	private final long organiserMaxBytes;

	private final HandlerExceptionResolver resolver;

	RequestSizeLimit(RequestSizeProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
		this.defaultMaxBytes = properties.maxBodySize().toBytes();
		this.organiserMaxBytes = properties.maxOrganiserBodySize().toBytes();
		this.resolver = resolver;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long maxBytes = request.getRequestURI().startsWith("/api/v1/organiser/") ? this.organiserMaxBytes
				: this.defaultMaxBytes;
		long length = request.getContentLengthLong();
		if (length > maxBytes) {
			refuse(request, response, tooLarge(maxBytes));
			return;
		}
		if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
			chain.doFilter(new Bounded(request, maxBytes), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private static ProblemException tooLarge(long maxBytes) {
		return new ProblemException(413, "PAYLOAD_TOO_LARGE", "Payload too large",
				"Request bodies are limited to " + maxBytes + " bytes");
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, ProblemException problem) {
		this.resolver.resolveException(request, response, null, problem);
	}

	/**
	 * A chunked body, refused as soon as more than the limit has been read.
	 */
	private static final class Bounded extends HttpServletRequestWrapper {

		private final long maxBytes;

		private ServletInputStream stream;

		Bounded(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				ServletInputStream in = super.getInputStream();
				this.stream = new ServletInputStream() {

					private long read;

					@Override
					public int read() throws IOException {
						int b = in.read();
						if (b >= 0) {
							count(1);
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = in.read(buffer, offset, length);
						if (n > 0) {
							count(n);
						}
						return n;
					}

					private void count(int n) {
						this.read += n;
						if (this.read > Bounded.this.maxBytes) {
							throw tooLarge(Bounded.this.maxBytes);
						}
					}

					@Override
					public boolean isFinished() {
						return in.isFinished();
					}

					@Override
					public boolean isReady() {
						return in.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						in.setReadListener(listener);
					}

				};
			}
			return this.stream;
		}

	}

}
