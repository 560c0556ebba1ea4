package dev.ticketing.identity;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.Caller;
import dev.ticketing.common.FanContacts;
import dev.ticketing.common.UserEnrolment;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call what. In {@code oidc} mode the calls that act for a user (issuing a queue
 * token, a wallet) and the organiser calls need an access token, checked by the resource
 * server; every other API call is public or carries a queue token, which its module
 * checks itself. Those never see the JWT machinery: the bearer token of a booking call is
 * a queue token, not a JWT.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

	static final Call ORGANISER = new Call(null, "/api/v1/organiser/**");

	/** Check-in at the door: gate staff or an organiser. */
	static final Call GATE = new Call(null, "/api/v1/gate/**");

	/**
	 * The calls that need an access token in {@code oidc} mode: what the filters enforce
	 * and what the API document says ({@link ApiSecurityDocumentation}).
	 */
	static final List<Call> SIGNED_IN = List.of(new Call(HttpMethod.POST, "/api/v1/queue/concerts/*/users/*"),
			new Call(HttpMethod.GET, "/api/v1/queue/concerts/*/users/*/challenge"),
			new Call(null, "/api/v1/presale/concerts/*/users/**"), new Call(null, "/api/v1/users/**"), ORGANISER, GATE);

	static final RequestMatcher ORGANISER_CALLS = ORGANISER.matcher();

	static final RequestMatcher GATE_CALLS = GATE.matcher();

	static final RequestMatcher SIGNED_IN_CALLS = new OrRequestMatcher(
			SIGNED_IN.stream().map(Call::matcher).toArray(RequestMatcher[]::new));

	/**
	 * The API document, Swagger UI and the sale events' JSON Schema: public, as the API
	 * itself is. The document describes only what any client may call and send, and each
	 * call guards itself; an operator who wants no document in a deployment turns
	 * springdoc off ({@code springdoc.api-docs.enabled=false},
	 * {@code springdoc.swagger-ui.enabled=false}).
	 */
	static final RequestMatcher API_DOCUMENTATION = new OrRequestMatcher(PATHS.matcher(HttpMethod.GET, "/v3/api-docs"),
			PATHS.matcher(HttpMethod.GET, "/v3/api-docs/**"), PATHS.matcher(HttpMethod.GET, "/swagger-ui.html"),
			PATHS.matcher(HttpMethod.GET, "/swagger-ui/**"), PATHS.matcher(HttpMethod.GET, "/sale-events.schema.json"));

	/** The web app's pages and their static assets. */
	static final RequestMatcher WEB_PAGES = new OrRequestMatcher(PATHS.matcher(HttpMethod.GET, "/"),
			PATHS.matcher(HttpMethod.GET, "/concerts/*"), PATHS.matcher(HttpMethod.GET, "/concerts/*/presale"),
			PATHS.matcher(HttpMethod.GET, "/tickets"), PATHS.matcher(HttpMethod.GET, "/organiser/concerts/*/presale"),
			PATHS.matcher(HttpMethod.GET, "/organiser"), PATHS.matcher(HttpMethod.GET, "/organiser/concerts/*"),
			PATHS.matcher(HttpMethod.GET, "/gate"), PATHS.matcher(HttpMethod.GET, "/mailbox"),
			PATHS.matcher(HttpMethod.GET, "/login/oauth2/code/*"), PATHS.matcher(HttpMethod.GET, "/web/**"));

	private static final String ROLE_PREFIX = "ROLE_";

	@Bean
	@Order(3)
	SecurityFilterChain apiSecurity(HttpSecurity http, SecurityProperties properties,
			ObjectProvider<JwtDecoder> decoders, ObjectProvider<JwtAuthenticationConverter> converters,
			ObjectMapper json) {
		http.securityMatcher("/api/**")
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.disable())
			.anonymous((anonymous) -> anonymous.disable())
			// Controllers say how long their answers may be cached; security must not
			// override.
			.headers((headers) -> headers.cacheControl((cache) -> cache.disable()));
		if (properties.mode() == SecurityProperties.Mode.OPEN) {
			log.warn("concert.security.mode=open: every caller is believed to be the user the path names. "
					+ "Only for the seed system's clients in a private load-test environment, never for a sale.");
			http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
			return http.build();
		}
		if (decoders.getIfAvailable() == null) {
			throw new IllegalStateException("concert.security.mode=oidc needs the access tokens' issuer: set "
					+ "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri or public-key-location)");
		}
		ProblemAnswers answers = new ProblemAnswers(json);
		DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();
		BearerTokenResolver onlyWhereSignedIn = (request) -> SIGNED_IN_CALLS.matches(request) ? bearer.resolve(request)
				: null;
		http.authorizeHttpRequests((requests) -> requests.requestMatchers(ORGANISER_CALLS)
			.hasRole(Caller.ORGANISER)
			.requestMatchers(GATE_CALLS)
			.hasAnyRole(Caller.GATE, Caller.ORGANISER)
			.requestMatchers(SIGNED_IN_CALLS)
			.authenticated()
			.anyRequest()
			.permitAll())
			.oauth2ResourceServer((server) -> server.bearerTokenResolver(onlyWhereSignedIn)
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(userIdsOnly(converters.getIfAvailable())))
				.authenticationEntryPoint(answers::unauthenticated)
				.accessDeniedHandler((request, response, denied) -> answers.forbidden(request, response)))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(answers::unauthenticated)
				.accessDeniedHandler((request, response, denied) -> answers.forbidden(request, response)));
		return http.build();
	}

	/**
	 * The web app's pages and assets: public, as the page shells are the same for
	 * everyone and what they show of a user comes from the API with the user's tokens. No
	 * session, no cookie: nothing here acts for anyone, so there is nothing to forge. The
	 * browser's default protections stay on (no framing, no sniffing), and scripts run
	 * only with the response's nonce ({@link ContentSecurityPolicy}).
	 */
	@Bean
	@Order(4)
	SecurityFilterChain webPagesSecurity(HttpSecurity http, ContentSecurityPolicy policy) {
		http.securityMatcher(WEB_PAGES)
			.with(policy.forPages())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.disable())
			// Pages are not cached (they name the assets' current hashes); the hashed
			// assets carry their own long Cache-Control, which security leaves alone.
			.headers((headers) -> headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	/**
	 * {@link #API_DOCUMENTATION}: anyone may read it; no session, no cookie, bearer
	 * tokens ignored (nothing here acts for anyone), the browser's protections on.
	 */
	@Bean
	@Order(5)
	SecurityFilterChain apiDocumentationSecurity(HttpSecurity http) {
		http.securityMatcher(API_DOCUMENTATION)
			.with(ContentSecurityPolicy.forApiDocumentation())
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.logout((logout) -> logout.disable())
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
		return http.build();
	}

	/**
	 * A call by method (any, if null) and path pattern.
	 */
	record Call(HttpMethod method, String pattern) {

		RequestMatcher matcher() {
			return (this.method != null) ? PATHS.matcher(this.method, this.pattern) : PATHS.matcher(this.pattern);
		}

		/**
		 * Whether the API document's operation {@code method} on {@code path} (a template
		 * such as {@code /api/v1/users/{userId}/points}) is this call.
		 */
		boolean describes(String method, String path) {
			return (this.method == null || this.method.name().equalsIgnoreCase(method))
					&& PathPatternParser.defaultInstance.parse(this.pattern).matches(PathContainer.parsePath(path));
		}

	}

	/**
	 * The token's principal (Spring Boot's {@code principal-claim-name}, {@code sub} by
	 * default) must be a user id: a token of the provider's that names no user is as bad
	 * as a forged one.
	 */
	private static Converter<Jwt, AbstractAuthenticationToken> userIdsOnly(JwtAuthenticationConverter configured) {
		JwtAuthenticationConverter converter = (configured != null) ? configured : new JwtAuthenticationConverter();
		return (jwt) -> {
			AbstractAuthenticationToken authentication = converter.convert(jwt);
			try {
				UUID.fromString(authentication.getName());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidBearerTokenException("The access token's subject is not a user id (a UUID)");
			}
			return authentication;
		};
	}

	@Bean
	WebMvcConfigurer callerArguments(SecurityProperties properties, @Lazy UserEnrolment users,
			@Lazy FanContacts contacts) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new CallerResolver(properties.mode(), users, contacts));
			}
		};
	}

	/**
	 * Resolves a {@link Caller} parameter: the signed-in user of the access token the
	 * resource server checked; anyone in {@code open} mode. The token's {@code email}
	 * claim (unless {@code email_verified} says it is not) is where the user's mails go.
	 */
	record CallerResolver(SecurityProperties.Mode mode, UserEnrolment users,
			FanContacts contacts) implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == Caller.class;
		}

		@Override
		public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
				NativeWebRequest request, WebDataBinderFactory binders) {
			if (this.mode == SecurityProperties.Mode.OPEN) {
				return Caller.trusted();
			}
			Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
			if (!(authentication instanceof JwtAuthenticationToken)) {
				throw ProblemAnswers.unauthenticated("Sign in: send an access token as 'Authorization: Bearer <jwt>'");
			}
			UserId user = new UserId(UUID.fromString(authentication.getName()));
			Set<String> roles = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.filter((authority) -> authority.startsWith(ROLE_PREFIX))
				.map((authority) -> authority.substring(ROLE_PREFIX.length()))
				.collect(Collectors.toUnmodifiableSet());
			Jwt token = ((JwtAuthenticationToken) authentication).getToken();
			String email = token.getClaimAsString("email");
			if (email != null && !Boolean.FALSE.equals(token.getClaimAsBoolean("email_verified"))) {
				this.contacts.remember(user, email);
			}
			return Caller.signedIn(user, roles, this.users);
		}

	}

	/**
	 * Refusals of the security filters, as the same problem documents the controllers
	 * send.
	 */
	record ProblemAnswers(ObjectMapper json) {

		static ProblemException unauthenticated(String detail) {
			return new ProblemException(401, "UNAUTHENTICATED", "Unauthenticated", detail);
		}

		void unauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
				throws IOException {
			boolean badToken = ex instanceof OAuth2AuthenticationException;
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
			write(request, response,
					unauthenticated(badToken
							? "The access token is not valid: expired, not signed by the issuer, "
									+ "or meant for another audience"
							: "Sign in: send an access token as " + "'Authorization: Bearer <jwt>'"));
		}

		void forbidden(HttpServletRequest request, HttpServletResponse response) throws IOException {
			String forWhom = GATE_CALLS.matches(request) ? "gate staff and organisers" : "organisers";
			write(request, response,
					new ProblemException(403, "ROLE_REQUIRED", "Forbidden", "This call is for " + forWhom));
		}

		private void write(HttpServletRequest request, HttpServletResponse response, ProblemException problem)
				throws IOException {
			ResponseEntity<byte[]> answer = problem.toResponse(request.getRequestURI(), this.json);
			response.setStatus(answer.getStatusCode().value());
			response.setContentType(answer.getHeaders().getContentType().toString());
			response.getOutputStream().write(answer.getBody());
		}

	}

}
