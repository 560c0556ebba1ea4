package dev.ticketing.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scripts of {@code deploy/local} that start parts of the topology on this machine,
 * run from a test that starts and stops its own copy in a folder of its own.
 */
public final class LocalDeploy {

	private LocalDeploy() {
	}

	/**
	 * Skips the test when one of {@code tools} is not installed, unless under CI
	 * ({@code CI=true}), where a missing tool fails it: the CI script installs them, and
	 * a test that skips there proves nothing.
	 */
	public static void requireTools(String... tools) {
		for (String tool : tools) {
			boolean found = Stream.of(System.getenv("PATH").split(":"))
				.anyMatch((folder) -> Files.isExecutable(Path.of(folder, tool)));
			if ("true".equals(System.getenv("CI"))) {
				assertThat(found).as(tool + " is installed (.ci/run installs it)").isTrue();
			}
			Assumptions.assumeTrue(found, tool + " is not installed");
		}
	}

	/**
	 * Runs {@code deploy/local/<script> <command>
	 *
	<dir>
	 * } with {@code environment} added and returns what it printed; fails when it fails
	 * or takes longer than 3 minutes.
	 */
	public static String run(String script, String command, Path dir, Map<String, String> environment)
			throws IOException, InterruptedException {
		Path output = Files.createTempFile(script, ".log");
		try {
			ProcessBuilder builder = new ProcessBuilder("bash", "deploy/local/" + script, command, dir.toString())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			boolean finished = process.waitFor(6, TimeUnit.MINUTES);
			String printed = Files.readString(output, StandardCharsets.UTF_8);
			if (!finished) {
				process.destroyForcibly();
				throw new IllegalStateException(script + " " + command + " did not finish in 6 minutes: " + printed);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(script + " " + command + " failed: " + printed);
			}
			return printed;
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	/**
	 * What HAProxy logged in a script's folder: servers marked up or down and why, and
	 * sessions that ended abnormally; printed by a test so a failure shows the route.
	 */
	public static String haproxyLog(Path dir) throws IOException {
		Path log = dir.resolve("haproxy.log");
		return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no haproxy.log)";
	}

	/** The process id a script wrote to {@code file}. */
	public static ProcessHandle process(Path file) throws IOException {
		long pid = Long.parseLong(Files.readAllLines(file).getFirst().trim());
		return ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " is gone"));
	}

}
