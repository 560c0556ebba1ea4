/**
 * Limits against floods: rate limits per user and per client address on token issue,
 * status polls and streams, holds and charges, and on attempts to sign in to the embedded
 * authorisation server (429 {@code RATE_LIMITED} with {@code Retry-After}), shared by
 * every instance through Redis, and a cap on the status streams a token keeps open. A
 * web-layer piece in front of the controllers: no feature module knows of it. Of the
 * queue it knows only the rules of its streams, whose settings are the queue's.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Limits",
		allowedDependencies = { "common", "queue :: streams" })
package dev.ticketing.limits;
