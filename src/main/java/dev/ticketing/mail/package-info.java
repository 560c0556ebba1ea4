/**
 * Mails to fans: a confirmation with the ticket after a payment, a notice after a refund,
 * sent over SMTP after the commit through the outbox (Spring Modulith's event publication
 * registry), retried until the SMTP server takes them, each once; to the address of the
 * fan's access token ({@code email} claim), none without one. The embedded mode runs an
 * SMTP server of its own and shows what it received (the mailbox).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package dev.ticketing.mail;
