package dev.ticketing.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web app ({@code concert.web-app.*}); application.yml names each with
 * its default.
 *
 * @param issuer the OIDC provider the browser signs in with (its discovery document gives
 * the authorisation and token endpoints); empty: the pages cannot sign in
 * @param clientId the provider's public client of the web app (authorisation code with
 * PKCE, redirect {@code <origin>/login/oauth2/code/concert})
 * @param scope what the web app asks the provider for
 */
@ConfigurationProperties("concert.web-app")
record WebAppProperties(@DefaultValue("") String issuer, @DefaultValue("concert-web") String clientId,
		@DefaultValue("openid profile") String scope) {

	WebAppProperties {
		issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		if (clientId.isBlank()) {
			throw new IllegalArgumentException("concert.web-app.client-id must not be empty");
		}
	}

}
