package dev.ticketing.identity;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.stereotype.Component;

/**
 * What a browser may run, load and connect to on the service's pages: the pages keep the
 * user's access token in sessionStorage and share their origin with Swagger UI, so an
 * injected script must not run there, nor reach anywhere but this service and the OIDC
 * provider. Scripts run only with the nonce of their response (the import map and every
 * script element carry it: {@code th:nonce="${cspNonce}"}), fresh for each response.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ContentSecurityPolicy {

	/** The request attribute holding this response's nonce, which templates read. */
	static final String NONCE = "cspNonce";

	static final String HEADER = "Content-Security-Policy";

	/**
	 * Swagger UI (springdoc's webjar): its scripts are files of its own, its icons data:
	 * images, and it calls only this service. Its bundle adds a style element of its own,
	 * which only 'unsafe-inline' allows without pinning the hash of each release's; an
	 * injected style can restyle the page but runs nothing.
	 */
	static final String API_DOCUMENTATION = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; connect-src 'self'; form-action 'self'; object-src 'none'; base-uri 'none'; "
			+ "frame-ancestors 'none'";

	/** 128 random bits from a SecureRandom, per response. */
	private static final StringKeyGenerator NONCES = new Base64StringKeyGenerator(Base64.getEncoder(), 16);

	/** The policy after the script-src directive, which names the nonce. */
	private final String pagesAfterScripts;

	/**
	 * @param properties the embedded authorisation server, whose issuer the pages sign in
	 * with when it is on
	 * @param issuerUri the OIDC provider's issuer otherwise (the resource server's)
	 * @param webAppIssuer the provider the pages sign in with, if an operator named
	 * another ({@code concert.web-app.issuer}; one of the two above by default)
	 */
	ContentSecurityPolicy(SecurityProperties properties,
			@Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:}") String issuerUri,
			@Value("${concert.web-app.issuer:}") String webAppIssuer) {
		Set<String> providers = new LinkedHashSet<>();
		if (properties.embedded().enabled()) {
			providers.add(origin(properties.embedded().issuer()));
		}
		for (String issuer : new String[] { issuerUri, webAppIssuer }) {
			if (!issuer.isBlank()) {
				providers.add(origin(issuer));
			}
		}
		String signIn = String.join("", providers.stream().map((provider) -> " " + provider).toList());
		// The pages fetch the provider's discovery document and token endpoint, and the
		// sign-in form posts to it (embedded mode), which redirects back here.
		// worker-src: the booking page solves a join challenge in a worker of its own
		// origin; without it the worker would fall under script-src's nonce.
		this.pagesAfterScripts = "default-src 'self'; style-src 'self'; img-src 'self'; worker-src 'self'; "
				+ "connect-src 'self'" + signIn + "; form-action 'self'" + signIn
				+ "; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
	}

	/** The pages' policy, with a fresh nonce in every response. */
	AbstractHttpConfigurer<?, HttpSecurity> forPages() {
		return new Pages();
	}

	/** Swagger UI's and the API document's policy. */
	static AbstractHttpConfigurer<?, HttpSecurity> forApiDocumentation() {
		return new ApiDocumentation();
	}

	String pages(String nonce) {
		return "script-src 'nonce-" + nonce + "'; " + this.pagesAfterScripts;
	}

	/**
	 * A provider named by origin: a source with a path would match that path only, and
	 * the provider's endpoints lie below its issuer.
	 */
	private static String origin(String issuer) {
		URI uri = URI.create(issuer);
		if (uri.getScheme() == null || uri.getHost() == null) {
			throw new IllegalArgumentException("The OIDC issuer '" + issuer + "' is not an absolute URL");
		}
		return uri.getScheme() + "://" + uri.getRawAuthority();
	}

	private final class Pages extends AbstractHttpConfigurer<Pages, HttpSecurity> {

		@Override
		public void init(HttpSecurity http) {
			// Written when the response commits, after the template read the nonce.
			http.headers((headers) -> headers.addHeaderWriter(this::write));
		}

		@Override
		public void configure(HttpSecurity http) {
			// Kept through a forward or an error dispatch, which render with the headers
			// already written.
			Filter nonces = (request, response, chain) -> {
				if (request.getAttribute(NONCE) == null) {
					request.setAttribute(NONCE, NONCES.generateKey());
				}
				chain.doFilter(request, response);
			};
			http.addFilterBefore(nonces, HeaderWriterFilter.class);
		}

		private void write(HttpServletRequest request, HttpServletResponse response) {
			if (request.getAttribute(NONCE) instanceof String nonce && !response.containsHeader(HEADER)) {
				response.setHeader(HEADER, pages(nonce));
			}
		}

	}

	private static final class ApiDocumentation extends AbstractHttpConfigurer<ApiDocumentation, HttpSecurity> {

		@Override
		public void init(HttpSecurity http) {
			http.headers(
					(headers) -> headers.contentSecurityPolicy((policy) -> policy.policyDirectives(API_DOCUMENTATION)));
		}

	}

}
