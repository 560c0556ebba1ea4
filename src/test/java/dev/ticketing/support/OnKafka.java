package dev.ticketing.support;

import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * Runs an {@link IntegrationTest} class with its sale events sent to the Kafka broker
 * that {@code deploy/local/kafka.sh start} runs (as {@code .ci/run} does) on 127.0.0.1
 * port {@code KAFKA_PORT} (9092), on a topic of the class's own; {@link Broker} stops and
 * starts that broker through the script's folder, {@code KAFKA_DIR}.
 * <p>
 * Without a broker (or without its folder) the class is skipped, saying so; unless
 * {@code CI} is set, where a missing broker fails it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(OnKafka.Broker.class)
public @interface OnKafka {

	/** The broker of {@code deploy/local/kafka.sh}, as the environment names it. */
	final class Broker implements ExecutionCondition {

		public static final String HOST = "127.0.0.1";

		public static int port() {
			String port = System.getenv("KAFKA_PORT");
			return (port == null || port.isBlank()) ? 9092 : Integer.parseInt(port);
		}

		public static String bootstrapServers() {
			return HOST + ":" + port();
		}

		/** The script's folder, where its process id is. */
		static Path folder() {
			String dir = System.getenv("KAFKA_DIR");
			return (dir == null || dir.isBlank()) ? null : Path.of(dir);
		}

		/** The topic of the test class whose stores are named {@code name}. */
		public static String topic(String name) {
			return "test." + name;
		}

		/**
		 * What an {@link OnKafka} class's context is given: externalisation on, to its
		 * own topic; for any other class, off.
		 */
		static TestPropertyValues properties(Class<?> testClass, String name) {
			if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
				.isPresent(OnKafka.class)) {
				return TestPropertyValues.of("spring.modulith.events.externalization.enabled=false");
			}
			return TestPropertyValues.of(Map.of("spring.modulith.events.externalization.enabled", "true",
					"spring.kafka.bootstrap-servers", bootstrapServers(), "concert.events.topic", topic(name)));
		}

		/** SIGKILL: the broker dies mid-request, as a crashed machine's would. */
		public static void kill() {
			ProcessHandle broker = ProcessHandle.of(pid())
				.orElseThrow(() -> new IllegalStateException("The broker is not running"));
			broker.destroyForcibly();
			broker.onExit().join();
		}

		/**
		 * Starts the broker again on the same folder (its data kept), through the script.
		 */
		public static void start() {
			try {
				Process script = new ProcessBuilder("deploy/local/kafka.sh", "start", folder().toString()).inheritIO()
					.start();
				if (script.waitFor() != 0) {
					throw new IllegalStateException("deploy/local/kafka.sh start failed");
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static long pid() {
			try {
				return Long.parseLong(Files.readString(folder().resolve("kafka.pid")).trim());
			}
			catch (IOException ex) {
				throw new IllegalStateException("No broker process id in " + folder(), ex);
			}
		}

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			if (answers() && folder() != null && Files.exists(folder().resolve("kafka.pid"))) {
				return ConditionEvaluationResult.enabled("Kafka answers on " + bootstrapServers());
			}
			String ci = System.getenv("CI");
			if (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci)) {
				throw new IllegalStateException("CI is set but no Kafka of deploy/local/kafka.sh answers on "
						+ bootstrapServers() + " with KAFKA_DIR naming its folder; .ci/run starts one");
			}
			return ConditionEvaluationResult.disabled("No Kafka answers on " + bootstrapServers()
					+ " with KAFKA_DIR naming its folder, so the outbox's broker test is skipped:"
					+ " start one with deploy/local/kafka.sh start DIR and export KAFKA_DIR=DIR");
		}

		private static boolean answers() {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(HOST, port()), 500);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

}
