/**
 * Sale events for the systems around a sale (e-mail, accounting, analytics): what happens
 * to holds, payments and a sale's status, as one published event type with a stable id
 * and an order per reservation, written to Spring Modulith's JDBC event publication
 * registry (the transactional outbox) in the transaction that made it happen and sent to
 * Kafka after commit, at least once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sale events")
package dev.ticketing.saleevents;
