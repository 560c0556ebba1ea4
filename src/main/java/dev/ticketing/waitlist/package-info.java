/**
 * Waiting lists of sold-out dates: a fan joins one when no seat is free, and a seat
 * released later (cancelled, refunded, run out) is handed to the first fan on it as a
 * hold of their own, inside the transaction that released it, for a few minutes; if the
 * fan lets it run out, the next fan gets it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Waiting list",
		allowedDependencies = { "common", "concert", "reservation" })
package dev.ticketing.waitlist;
