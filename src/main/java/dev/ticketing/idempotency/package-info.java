/**
 * Safe retries: an {@code Idempotency-Key} on a call that changes something (a charge, a
 * hold, a payment) makes a repeat of the call with the same key by the same user answer
 * what the first answered, without doing it again. The answer is recorded in the
 * transaction of the call's own effect, so the two commit together or not at all.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Idempotency")
package dev.ticketing.idempotency;
