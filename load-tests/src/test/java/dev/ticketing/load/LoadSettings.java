package dev.ticketing.load;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A run's settings, from system properties ({@code -Dusers=200} …), so one simulation
 * scales from a smoke run to the seed's full test without edits.
 *
 * @param baseUrl the service under test
 * @param seedDir the folder {@code seed --out} wrote the id files to
 * @param users virtual users at the plateau (closed model: each one that finishes is
 * replaced by a new one)
 * @param ramp time to ramp from 0 to {@code users} and back down
 * @param duration time at the plateau
 * @param patience how long a user waits for ACTIVE before giving up (the seed: 30 s)
 * @param pollInterval pause between status polls while waiting
 * @param think pause between the booking steps
 * @param targetP95Ms the stricter latency target, p95 of every request
 * @param seedP95Ms the seed's latency threshold, p95 of all requests (500 ms)
 * @param targetActivationPercent the least share of users that must become ACTIVE
 * @param resultsDir where the simulation writes the raw responses, activations and
 * outcomes for the report
 * @param managementUrl the service's Actuator, which {@link ServiceSampler} reads while
 * the simulation runs
 * @param neverLeave clients as the seed's: they never call the leave endpoint, neither
 * when done nor when they give up waiting ({@code -DneverLeave=true})
 */
record LoadSettings(String baseUrl, Path seedDir, int users, Duration ramp, Duration duration, Duration patience,
		Duration pollInterval, Duration think, int targetP95Ms, int seedP95Ms, double targetActivationPercent,
		Path resultsDir, String managementUrl, boolean neverLeave) {

	static LoadSettings fromSystemProperties() {
		return new LoadSettings(System.getProperty("baseUrl", "http://localhost:8080"),
				Path.of(System.getProperty("seedDir", "target/seed")), Integer.getInteger("users", 200),
				seconds("ramp", 60), seconds("duration", 360), seconds("patience", 30), millis("pollMs", 1000),
				millis("thinkMs", 1000), Integer.getInteger("targetP95Ms", 10), Integer.getInteger("seedP95Ms", 500),
				Double.parseDouble(System.getProperty("targetActivationPercent", "99")),
				Path.of(System.getProperty("resultsDir", "target/load-run")),
				System.getProperty("managementUrl", System.getProperty("baseUrl", "http://localhost:8080")),
				Boolean.getBoolean("neverLeave"));
	}

	/** Longest the whole run may take: ramps, plateau and the last users' patience. */
	Duration maxDuration() {
		return this.ramp.multipliedBy(2).plus(this.duration).plus(this.patience).plus(Duration.ofSeconds(60));
	}

	private static Duration seconds(String name, int fallback) {
		return Duration.ofSeconds(Integer.getInteger(name, fallback));
	}

	private static Duration millis(String name, int fallback) {
		return Duration.ofMillis(Integer.getInteger(name, fallback));
	}

}
