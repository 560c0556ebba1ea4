package dev.ticketing.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;

/**
 * A redis-server of a test's own, on a free port of 127.0.0.1 and in a folder of its own,
 * for tests that stop, slow, break or restart Redis without touching the shared one. It
 * keeps nothing on disk unless started with persistence options ({@code --appendonly
 * yes}): options given override the defaults, as later options do on redis-server's
 * command line.
 */
public final class PrivateRedis implements AutoCloseable {

	private static final List<String> NO_PERSISTENCE = List.of("--save", "", "--appendonly", "no");

	private final int port;

	private final Path dir;

	private Process process;

	private PrivateRedis(int port, Path dir) {
		this.port = port;
		this.dir = dir;
	}

	/**
	 * Starts one with these redis-server options, and waits until it takes connections.
	 */
	public static PrivateRedis start(String... options) {
		try {
			PrivateRedis redis = new PrivateRedis(freePort(), Files.createTempDirectory("private-redis"));
			redis.run(options);
			return redis;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Shuts it down as an orchestrator does (SIGTERM: Redis writes what it persists
	 * before it exits), and waits until it has.
	 */
	public void stop() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			waitFor(this.process);
		}
	}

	/** Kills it at once (SIGKILL), as a crash does. */
	public void kill() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
			waitFor(this.process);
		}
	}

	/**
	 * Starts it again, after {@link #stop} or {@link #kill}, on the same port and in the
	 * same folder (what it persisted there it reads back), with these options.
	 */
	public void startAgain(String... options) {
		stop();
		run(options);
	}

	/** Runs redis-cli against it and returns what it printed. */
	public String cli(String... command) {
		List<String> args = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(this.port)));
		args.addAll(List.of(command));
		try {
			Process cli = new ProcessBuilder(args).redirectErrorStream(true).start();
			String out = new String(cli.getInputStream().readAllBytes());
			cli.waitFor();
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops it and deletes its folder. */
	@Override
	public void close() {
		stop();
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary folder left behind harms no test.
		}
	}

	private void run(String... options) {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--dir", this.dir.toString()));
		command.addAll(NO_PERSISTENCE);
		command.addAll(List.of(options));
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				return cli("PING").contains("PONG");
			}
		});
	}

	private static void waitFor(Process process) {
		try {
			process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
