/**
 * Tickets at the door: a ticket per paid seat, issued in the payment's own transaction
 * and voided in the refund's, from their events; codes the service signs with Ed25519
 * (the phone's changing every step, a printed one for fans without a phone) that any gate
 * can check offline against the published public keys; and the check-in, where one
 * conditional statement admits a ticket once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ticket")
package dev.ticketing.ticket;
