package dev.ticketing.limits;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The limits of signing in, in front of Spring Security (which checks the password): the
 * embedded authorisation server's login form ({@code POST /login}) and token endpoint
 * ({@code POST /oauth2/token}) share one budget per account, since a demo account's
 * password is also its client secret. An attempt is taken from the limits of its account
 * and address, its address, then its account, stopping at the first that refuses
 * ({@link LimitsProperties.SignIn}). A refusal checks no password: 429
 * {@code RATE_LIMITED} with {@code Retry-After}; a browser posting the login form gets
 * the sign-in page with the refusal on it, under the same status.
 */
final class SignInLimitFilter extends OncePerRequestFilter {

	static final String LOGIN = "/login";

	static final String TOKEN = "/oauth2/token";

	/**
	 * The sign-in page says so when forwarded to with this parameter: seconds to wait.
	 */
	static final String LIMITED = "limited";

	/** Longest account name taken as a key; longer ones are cut. */
	private static final int MAX_ACCOUNT_LENGTH = 200;

	private final Limit perAccountAndAddress;

	private final Limit perAddress;

	private final Limit perAccount;

	private final RateLimiter limiter;

	private final ClientAddresses addresses;

	private final ObjectMapper json;

	SignInLimitFilter(Limit perAccountAndAddress, Limit perAddress, Limit perAccount, RateLimiter limiter,
			ClientAddresses addresses, ObjectMapper json) {
		this.perAccountAndAddress = perAccountAndAddress;
		this.perAddress = perAddress;
		this.perAccount = perAccount;
		this.limiter = limiter;
		this.addresses = addresses;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return true;
		}
		String path = path(request);
		return !LOGIN.equals(path) && !TOKEN.equals(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean login = LOGIN.equals(path(request));
		String account = account(login ? request.getParameter("username") : client(request));
		String address = this.addresses.key(request);
		long wait = this.limiter.take(this.perAccountAndAddress,
				(account != null && address != null) ? account + " " + address : null);
		String whose = "this account from this address";
		if (wait == 0) {
			wait = this.limiter.take(this.perAddress, address);
			whose = "this address";
		}
		if (wait == 0) {
			wait = this.limiter.take(this.perAccount, account);
			whose = "this account";
		}
		if (wait == 0) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = RateLimitInterceptor.wholeSeconds(wait);
		if (login && wantsPage(request)) {
			response.setStatus(429);
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
			request.getRequestDispatcher(LOGIN + "?" + LIMITED + "=" + seconds)
				.forward(new PageRequest(request), response);
			return;
		}
		RateLimitInterceptor.refuse(request, response, this.json, "RATE_LIMITED",
				"Too many sign-in attempts for " + whose + "; no password was checked, retry in " + seconds + " s",
				seconds);
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	/**
	 * The client a token request authenticates as with a secret (HTTP Basic, or
	 * {@code client_secret} in the form); null for a public client, such as the web app
	 * exchanging its code, which has no secret to guess.
	 */
	private static String client(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = credentials.indexOf(':');
				return URLDecoder.decode((colon >= 0) ? credentials.substring(0, colon) : credentials,
						StandardCharsets.UTF_8);
			}
			catch (IllegalArgumentException ex) {
				// Not Basic credentials: Spring Security refuses them; limited per
				// address.
				return null;
			}
		}
		return (request.getParameter("client_secret") != null) ? request.getParameter("client_id") : null;
	}

	/**
	 * The account as the demo accounts compare it (user names ignore case), so that
	 * spelling it otherwise does not open a new budget.
	 */
	private static String account(String name) {
		if (name == null || name.isBlank()) {
			return null;
		}
		String account = name.strip().toLowerCase(Locale.ROOT);
		return (account.length() > MAX_ACCOUNT_LENGTH) ? account.substring(0, MAX_ACCOUNT_LENGTH) : account;
	}

	private static boolean wantsPage(HttpServletRequest request) {
		String accept = request.getHeader(HttpHeaders.ACCEPT);
		if (accept == null) {
			return false;
		}
		try {
			return MediaType.parseMediaTypes(accept)
				.stream()
				.anyMatch((type) -> "text".equals(type.getType()) && "html".equals(type.getSubtype()));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * The refused form post, shown the sign-in page as its GET would be: the form is not
	 * processed again on the way.
	 */
	private static final class PageRequest extends HttpServletRequestWrapper {

		PageRequest(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getMethod() {
			return "GET";
		}

	}

}
