package dev.ticketing.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of sign-in ({@code concert.security.*}); application.yml names each with its
 * default and why. The access tokens themselves are checked as Spring Boot's standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties say.
 *
 * @param mode {@code oidc}: callers prove who they are with an access token;
 * {@code open}: path user ids are believed (the seed system's trust model)
 * @param embedded the in-process authorisation server of embedded mode
 */
@ConfigurationProperties("concert.security")
record SecurityProperties(@DefaultValue("oidc") Mode mode, @DefaultValue Embedded embedded) {

	enum Mode {

		OIDC, OPEN

	}

	/**
	 * @param enabled run an authorisation server in this process, with demo accounts
	 * @param issuer the {@code iss} of the tokens it signs (and that this service accepts
	 * from it)
	 * @param demoPassword password of every demo account
	 * @param tokenTtl how long an access token it signs lasts
	 */
	record Embedded(@DefaultValue("false") boolean enabled, @DefaultValue("http://localhost:8080") String issuer,
			@DefaultValue("demo") String demoPassword, @DefaultValue("1h") Duration tokenTtl) {

		Embedded {
			if (enabled && (demoPassword == null || demoPassword.isBlank())) {
				throw new IllegalArgumentException("concert.security.embedded.demo-password must not be empty");
			}
		}

	}

}
