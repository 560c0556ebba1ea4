package dev.ticketing.limits;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.ProblemException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The limits in front of the controllers: runs once the request is mapped to its endpoint
 * and before anything reads its body or asks a store. A refused request changes nothing:
 * 429 {@code RATE_LIMITED} with {@code Retry-After} (whole seconds until the bucket has a
 * request again), or 429 {@code TOO_MANY_STREAMS} for a stream more than the token may
 * keep open.
 * <p>
 * Endpoints are recognised by their mapped path, the API's fixed contract, so the
 * controllers (whose parameters change as sign-in arrives) know nothing of this.
 */
final class RateLimitInterceptor implements AsyncHandlerInterceptor {

	/** The user of the request, known before any controller or store runs. */
	enum Caller {

		/** The {@code userId} path variable, in its canonical spelling. */
		PATH_USER,
		/**
		 * The bearer queue token, unverified: verifying it is the controller's work, and
		 * a token is one user's one entry into the line.
		 */
		QUEUE_TOKEN

	}

	record Rule(Caller caller, Limit perUser, Limit perAddress, boolean stream) {
	}

	private static final String STREAM_TOKEN = RateLimitInterceptor.class.getName() + ".streamToken";

	private static final String STREAM_STARTED = RateLimitInterceptor.class.getName() + ".streamStarted";

	/** Longest token taken as a key; a longer one cannot be a queue token. */
	private static final int MAX_TOKEN_LENGTH = 512;

	private final Map<String, Rule> gets;

	private final Map<String, Rule> posts;

	private final RateLimiter limiter;

	private final ClientAddresses addresses;

	private final OpenStreams streams;

	private final long streamRetryAfterSeconds;

	private final ObjectMapper json;

	RateLimitInterceptor(Map<String, Rule> gets, Map<String, Rule> posts, RateLimiter limiter,
			ClientAddresses addresses, OpenStreams streams, long streamRetryAfterSeconds, ObjectMapper json) {
		this.gets = Map.copyOf(gets);
		this.posts = Map.copyOf(posts);
		this.limiter = limiter;
		this.addresses = addresses;
		this.streams = streams;
		this.streamRetryAfterSeconds = Math.max(1, streamRetryAfterSeconds);
		this.json = json;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws IOException {
		if (request.getDispatcherType() != DispatcherType.REQUEST) {
			return true;
		}
		Rule rule = rule(request);
		if (rule == null) {
			return true;
		}
		String caller = (rule.caller() == Caller.PATH_USER) ? pathUser(request) : bearerToken(request);
		long wait = this.limiter.take(rule.perUser(), caller);
		String whose = "this user";
		if (wait == 0) {
			wait = this.limiter.take(rule.perAddress(), this.addresses.key(request));
			whose = "this address";
		}
		if (wait > 0) {
			long seconds = wholeSeconds(wait);
			refuse(request, response, this.json, "RATE_LIMITED",
					"Too many requests from " + whose + "; nothing was changed, retry in " + seconds + " s", seconds);
			return false;
		}
		if (rule.stream() && caller != null) {
			if (!this.streams.tryOpen(caller)) {
				refuse(request, response, this.json, "TOO_MANY_STREAMS",
						"This queue token has " + this.streams.max()
								+ " status streams open already; close one (or poll the status) instead",
						this.streamRetryAfterSeconds);
				return false;
			}
			request.setAttribute(STREAM_TOKEN, caller);
		}
		return true;
	}

	/**
	 * The stream is open: it stops counting when the container completes it (the client
	 * went away, it timed out, the queue ended it, or the instance shuts down).
	 */
	@Override
	public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
			Object handler) {
		if (request.getAttribute(STREAM_TOKEN) instanceof String token
				&& request.getAttribute(STREAM_STARTED) == null) {
			request.setAttribute(STREAM_STARTED, Boolean.TRUE);
			request.getAsyncContext().addListener(new StreamEnd(this.streams, token));
		}
	}

	/** A stream refused before it opened (a bad token) stops counting at once. */
	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (request.getDispatcherType() == DispatcherType.REQUEST
				&& request.getAttribute(STREAM_TOKEN) instanceof String token
				&& request.getAttribute(STREAM_STARTED) == null) {
			request.removeAttribute(STREAM_TOKEN);
			this.streams.closed(token);
		}
	}

	private Rule rule(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern == null) {
			return null;
		}
		return switch (request.getMethod()) {
			case "GET", "HEAD" -> this.gets.get(pattern.toString());
			case "POST" -> this.posts.get(pattern.toString());
			default -> null;
		};
	}

	/** The path's user id, lower-cased as ids are compared; null when it is no UUID. */
	private static String pathUser(HttpServletRequest request) {
		if (!(request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
				|| !(variables.get("userId") instanceof String user) || user.length() != 36) {
			return null;
		}
		try {
			return java.util.UUID.fromString(user).toString();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** The bearer token as the queue reads it; null without one. */
	private static String bearerToken(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || authorization.length() < 8
				|| !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = authorization.substring(7).trim();
		return (token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) ? null : token;
	}

	/** A wait in nanoseconds as the whole seconds of Retry-After, at least one. */
	static long wholeSeconds(long nanos) {
		return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
	}

	/**
	 * The problem document the exception handler would write, written here: a flood is
	 * refused without going through exception resolution.
	 */
	static void refuse(HttpServletRequest request, HttpServletResponse response, ObjectMapper json, String code,
			String detail, long retryAfterSeconds) throws IOException {
		byte[] body = new ProblemException(429, code, "Too many requests", detail)
			.toResponse(request.getRequestURI(), json)
			.getBody();
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

	private record StreamEnd(OpenStreams streams, String token) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			this.streams.closed(this.token);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
		}

		@Override
		public void onError(AsyncEvent event) {
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

}
