/**
 * The catalogue (concerts, dates, seats and their prices) and the seat inventory: the
 * only place a seat's status changes, always by one conditional statement.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Concert")
package dev.ticketing.concert;
