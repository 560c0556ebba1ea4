/**
 * The integrity audit ({@code java -jar app.jar audit}): after a load test, or at any
 * time, checks that no seat was sold twice, no point was lost and the queue never
 * admitted more users than allowed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package dev.ticketing.audit;
