package dev.ticketing.identity;

import java.time.Duration;

import dev.ticketing.common.SettingRefused;

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
	 * @param demoPassword password of every demo account (each a user and a client of the
	 * same name); the prod profile has none, so the embedded sign-in does not start there
	 * with a password everyone can read in the README
	 * @param minPasswordLength the shortest demo password accepted: 0 in embedded mode
	 * (where {@code demo} is the point), 16 in prod
	 * @param tokenTtl how long an access token it signs lasts
	 */
	record Embedded(@DefaultValue("false") boolean enabled, @DefaultValue("http://localhost:8080") String issuer,
			@DefaultValue("demo") String demoPassword, @DefaultValue("0") int minPasswordLength,
			@DefaultValue("1h") Duration tokenTtl) {

		Embedded {
			if (enabled && (demoPassword == null || demoPassword.isBlank())) {
				throw new PasswordRefused("concert.security.embedded.demo-password "
						+ "(CONCERT_SECURITY_EMBEDDED_DEMO_PASSWORD) is not set, and "
						+ "concert.security.embedded.enabled (CONCERT_SECURITY_EMBEDDED_ENABLED) is true. "
						+ "The prod profile ships no demo password: anyone who can reach the service "
						+ "would sign in as an organiser with the published one.");
			}
			if (enabled && demoPassword.length() < minPasswordLength) {
				throw new PasswordRefused("concert.security.embedded.demo-password "
						+ "(CONCERT_SECURITY_EMBEDDED_DEMO_PASSWORD) is shorter than "
						+ "concert.security.embedded.min-password-length (" + minPasswordLength
						+ ") while the embedded sign-in is on.");
			}
		}

		@Override
		public String toString() {
			return "Embedded[enabled=" + this.enabled + ", issuer=" + this.issuer + ", demoPassword=(hidden)"
					+ ", minPasswordLength=" + this.minPasswordLength + ", tokenTtl=" + this.tokenTtl + "]";
		}

	}

	/**
	 * The embedded sign-in refused its demo password at start-up; the message names the
	 * settings, never the password.
	 */
	static final class PasswordRefused extends SettingRefused {

		static final String ACTION = "In prod, sign in with your OIDC provider: set "
				+ "CONCERT_SECURITY_EMBEDDED_ENABLED=false (the prod default) and "
				+ "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI. Only for a private try-out, keep the "
				+ "embedded sign-in with a long random password of your own, e.g. "
				+ "CONCERT_SECURITY_EMBEDDED_DEMO_PASSWORD=$(openssl rand -base64 24).";

		PasswordRefused(String reason) {
			super(reason, ACTION);
		}

	}
}
