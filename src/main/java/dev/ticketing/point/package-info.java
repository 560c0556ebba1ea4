/**
 * Users' wallets of points: charging, paying out, and the ledger that every change
 * writes. Balances change only through conditional updates.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Point")
package dev.ticketing.point;
