/**
 * Seat holds from the user's side: holding a seat for a short time, and confirming the
 * hold when it is paid for.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reservation")
package dev.ticketing.reservation;
