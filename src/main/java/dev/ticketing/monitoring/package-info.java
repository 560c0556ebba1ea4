/**
 * What an operator watches: business metrics drawn from the other modules' events and the
 * queue's size, and a request id on every request and every log line it causes; and what
 * an organiser watches, the sales overview of a concert. Other modules know nothing of
 * it; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package dev.ticketing.monitoring;
