package dev.ticketing.limits;

import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.queue.StreamHolders;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.AsyncHandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The limits in front of the controllers: runs once the request is mapped to its endpoint
 * and before anything reads its body or asks a store. A refused request changes nothing:
 * 429 {@code RATE_LIMITED} with {@code Retry-After} (whole seconds until the bucket has a
 * request again), or 429 {@code TOO_MANY_STREAMS} for a status stream past one of the
 * caps of {@link OpenStreams} (per token, user, address, instance), with
 * {@code Retry-After}: the web app polls the status instead, as it does whenever a stream
 * does not open.
 * <p>
 * Endpoints are recognised by their mapped path, the API's fixed contract, so the
 * controllers (whose parameters change as sign-in arrives) know nothing of this.
 */
final class RateLimitInterceptor implements AsyncHandlerInterceptor {

	/** The user of the request, known before any controller or store runs. */
	enum Caller {

		/**
		 * The signed-in user: the subject of the access token the security filters
		 * checked, whatever user the path names, so that calls refused for acting for
		 * someone else spend the caller's budget, never theirs. Without sign-in (the
		 * {@code open} mode, which believes path user ids) the {@code userId} path
		 * variable, in its canonical spelling.
		 */
		USER,
		/**
		 * The bearer queue token, unverified: verifying it is the controller's work, and
		 * a token is one user's one entry into the line.
		 */
		QUEUE_TOKEN

	}

	record Rule(Caller caller, Limit perUser, Limit perAddress, boolean stream) {
	}

	private static final String STREAM_HOLDER = RateLimitInterceptor.class.getName() + ".streamHolder";

	private static final String STREAM_STARTED = RateLimitInterceptor.class.getName() + ".streamStarted";

	/** Longest token taken as a key; a longer one cannot be a queue token. */
	private static final int MAX_TOKEN_LENGTH = 512;

	private final Map<String, Rule> gets;

	private final Map<String, Rule> getsUnder;

	private final Map<String, Rule> posts;

	private final RateLimiter limiter;

	private final ClientAddresses addresses;

	private final OpenStreams streams;

	private final StreamHolders holders;

	private final long streamRetryAfterSeconds;

	private final ObjectMapper json;

	/**
	 * @param gets rules of GET (and HEAD) requests by mapped path
	 * @param getsUnder rules of the GET requests whose mapped path is one of these or
	 * under it
	 * @param posts rules of POST requests by mapped path
	 */
	RateLimitInterceptor(Map<String, Rule> gets, Map<String, Rule> getsUnder, Map<String, Rule> posts,
			RateLimiter limiter, ClientAddresses addresses, OpenStreams streams, StreamHolders holders,
			long streamRetryAfterSeconds, ObjectMapper json) {
		this.gets = Map.copyOf(gets);
		this.getsUnder = Map.copyOf(getsUnder);
		this.posts = Map.copyOf(posts);
		this.limiter = limiter;
		this.addresses = addresses;
		this.streams = streams;
		this.holders = holders;
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
		String caller = (rule.caller() == Caller.USER) ? user(request) : bearerToken(request);
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
			return openStream(request, response, caller);
		}
		return true;
	}

	/**
	 * Counts the stream against its caps, or refuses it; a token that is no genuine one
	 * of the concert is not counted, the stream refuses it.
	 */
	private boolean openStream(HttpServletRequest request, HttpServletResponse response, String token)
			throws IOException {
		UserId user = (pathVariable(request, "concertId") instanceof String concert) ? holder(concert, token) : null;
		if (user == null) {
			return true;
		}
		OpenStreams.Holder holder = new OpenStreams.Holder(token, user.toString(), this.addresses.key(request), false);
		OpenStreams.Cap full = this.streams.tryOpen(holder);
		if (full != null) {
			refuse(request, response, this.json, "TOO_MANY_STREAMS",
					"Too many status streams are open for " + full.whose()
							+ "; poll the status instead (GET without /stream), or retry the stream later",
					this.streamRetryAfterSeconds);
			return false;
		}
		request.setAttribute(STREAM_HOLDER, holder);
		return true;
	}

	private UserId holder(String concert, String token) {
		try {
			return this.holders.holder(ConcertId.of(concert), token);
		}
		catch (ProblemException ex) {
			return null;
		}
	}

	/**
	 * The stream is open: it stops counting when the container completes it (the client
	 * went away, it timed out, the queue ended it, or the instance shuts down).
	 */
	@Override
	public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
			Object handler) {
		if (request.getAttribute(STREAM_HOLDER) instanceof OpenStreams.Holder holder
				&& request.getAttribute(STREAM_STARTED) == null) {
			request.setAttribute(STREAM_STARTED, Boolean.TRUE);
			request.getAsyncContext().addListener(new StreamEnd(this.streams, holder));
		}
	}

	/** A stream refused before it opened (a bad token) stops counting at once. */
	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (request.getDispatcherType() == DispatcherType.REQUEST
				&& request.getAttribute(STREAM_HOLDER) instanceof OpenStreams.Holder holder
				&& request.getAttribute(STREAM_STARTED) == null) {
			request.removeAttribute(STREAM_HOLDER);
			this.streams.closed(holder);
		}
	}

	private Rule rule(HttpServletRequest request) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern == null) {
			return null;
		}
		String path = pattern.toString();
		return switch (request.getMethod()) {
			case "GET", "HEAD" -> {
				Rule rule = this.gets.get(path);
				yield (rule != null) ? rule : under(path);
			}
			case "POST" -> this.posts.get(path);
			default -> null;
		};
	}

	private Rule under(String path) {
		for (Map.Entry<String, Rule> rule : this.getsUnder.entrySet()) {
			String prefix = rule.getKey();
			if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
				return rule.getValue();
			}
		}
		return null;
	}

	/**
	 * The signed-in user's id, else the path's, lower-cased as ids are compared; null
	 * when it is no UUID.
	 */
	private static String user(HttpServletRequest request) {
		Principal principal = request.getUserPrincipal();
		if (principal != null) {
			return canonicalUserId(principal.getName());
		}
		return (pathVariable(request, "userId") instanceof String user) ? canonicalUserId(user) : null;
	}

	private static Object pathVariable(HttpServletRequest request, String name) {
		return (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables)
				? variables.get(name) : null;
	}

	private static String canonicalUserId(String user) {
		if (user == null || user.length() != 36) {
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

	private record StreamEnd(OpenStreams streams, OpenStreams.Holder holder) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			this.streams.closed(this.holder);
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
