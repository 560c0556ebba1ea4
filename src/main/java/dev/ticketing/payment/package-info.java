/**
 * Paying for a held seat from the user's points, in one transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payment")
package dev.ticketing.payment;
