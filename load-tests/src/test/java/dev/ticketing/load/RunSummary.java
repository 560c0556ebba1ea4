package dev.ticketing.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What the report needs and Gatling's own report does not give in a readable form,
 * recorded while the simulation runs and written when it ends into the run folder:
 * {@code responses.csv} (every response: when, step, HTTP status, time, expected or not —
 * so server errors can be told from business rejections such as 409 sold out),
 * {@code activations.csv} (every user's wait for ACTIVE and whether it came) and
 * {@code summary.json} (settings and business outcomes). Gatling runs one simulation per
 * JVM, so static state is this run's.
 */
final class RunSummary {

	private static final ConcurrentLinkedQueue<String> responses = new ConcurrentLinkedQueue<>();

	private static final ConcurrentLinkedQueue<String> activations = new ConcurrentLinkedQueue<>();

	private static final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

	private RunSummary() {
	}

	static void response(String step, int status, long startMs, long endMs, boolean expected) {
		responses.add(endMs + "," + step + "," + status + "," + (endMs - startMs) + "," + (expected ? 1 : 0));
	}

	static void activation(boolean active, long waitedMs) {
		activations.add(System.currentTimeMillis() + "," + (active ? 1 : 0) + "," + waitedMs);
	}

	static void outcome(String name) {
		outcomes.computeIfAbsent(name, (n) -> new LongAdder()).increment();
	}

	static void write(String simulation, LoadSettings settings) {
		Path dir = settings.resultsDir();
		Map<String, Object> summary = new TreeMap<>();
		summary.put("simulation", simulation);
		summary.put("settings",
				Map.of("baseUrl", settings.baseUrl(), "users", settings.users(), "rampSeconds",
						settings.ramp().toSeconds(), "durationSeconds", settings.duration().toSeconds(),
						"patienceSeconds", settings.patience().toSeconds(), "pollMs",
						settings.pollInterval().toMillis(), "thinkMs", settings.think().toMillis(), "targetP95Ms",
						settings.targetP95Ms(), "targetActivationPercent", settings.targetActivationPercent()));
		Map<String, Long> counted = new TreeMap<>();
		outcomes.forEach((name, n) -> counted.put(name, n.sum()));
		summary.put("outcomes", counted);
		try {
			Files.createDirectories(dir);
			new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
				.writeValue(dir.resolve("summary.json").toFile(), summary);
			csv(dir.resolve("responses.csv"), "end_ms,step,status,ms,expected", responses);
			csv(dir.resolve("activations.csv"), "end_ms,active,waited_ms", activations);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void csv(Path file, String header, Iterable<String> rows) throws IOException {
		try (BufferedWriter out = Files.newBufferedWriter(file)) {
			out.write(header);
			out.newLine();
			for (String row : rows) {
				out.write(row);
				out.newLine();
			}
		}
	}

}
