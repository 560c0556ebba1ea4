/**
 * The integrity audit ({@code java -jar app.jar audit}): after a load test, or at any
 * time, checks that no seat was sold twice, no point was lost and the queue never
 * admitted more users than allowed.
 * <p>
 * It reads the tables itself, trusting no feature module's account of them; of the queue
 * it knows only the census, which reads the store directly rather than through the script
 * that admits.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit",
		allowedDependencies = { "common", "queue :: census" })
package dev.ticketing.audit;
