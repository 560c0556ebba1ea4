/**
 * Who is calling: fans and organisers sign in with OAuth2/OIDC access tokens (JWT) from
 * any provider, checked by Spring Security's resource server; embedded mode runs its own
 * authorisation server with demo accounts. The {@code open} mode believes path user ids,
 * as the seed system did, for private load tests only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package dev.ticketing.identity;
