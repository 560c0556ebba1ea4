/**
 * Limits against floods: rate limits per user and per client address on token issue,
 * status polls and streams, browsing, holds and charges, and on attempts to sign in to
 * the embedded authorisation server (429 {@code RATE_LIMITED} with {@code Retry-After}),
 * shared by every instance through Redis, and caps on the status streams open per token,
 * user, address and instance (429 {@code TOO_MANY_STREAMS}); the queue's WebSocket status
 * channels ask for the same limits themselves, once their token comes
 * ({@code StreamCaps}). A web-layer piece in front of the controllers: no feature module
 * knows of it. Of the queue it knows only the rules of its streams, whose settings are
 * the queue's, and whose a stream is.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Limits",
		allowedDependencies = { "common", "queue :: streams" })
package dev.ticketing.limits;
