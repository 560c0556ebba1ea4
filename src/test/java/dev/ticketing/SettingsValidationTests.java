package dev.ticketing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A setting out of its range stops the service at start-up, with a message naming the
 * setting and what it must be, instead of surfacing as odd behaviour under load. Each
 * module's settings are one validated record, bound when the context starts; these start
 * the real application (embedded mode) with one bad value each.
 */
class SettingsValidationTests {

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					concert.points.max-charge          | 0      | concert.points.max-charge must be at least 1
					concert.points.max-balance         | 5      | concert.points.max-balance (5) must be at least concert.points.max-charge
					concert.points.max-charge          | lots   | Failed to convert
					concert.web.max-body-size          | 0B     | concert.web.max-body-size and concert.web.max-organiser-body-size must be positive
					concert.web.max-organiser-body-size| -1MB   | must be positive
					concert.web.connection.socket-buffer| 100B  | concert.web.connection.socket-buffer, response-buffer and web-socket-message-buffer must be 512 to 65536 bytes
					concert.web.connection.response-buffer| 1MB  | must be 512 to 65536 bytes
					concert.web.connection.web-socket-message-buffer| 64B | must be 512 to 65536 bytes
					concert.queue.key-prefix           | a{b}:  | concert.queue.key-prefix must not contain braces, glob characters
					concert.queue.key-prefix           | run*:  | concert.queue.key-prefix must not contain braces, glob characters
					concert.queue.stream-timeout       | 0s     | concert.queue.stream-timeout must be positive
					concert.queue.stream-heartbeat     | -5s    | concert.queue.stream-heartbeat must be positive
					concert.queue.sweep-batch          | 0      | concert.queue.sweep-batch must be at least 1
					concert.queue.refill-interval      | 0s     | concert.queue.refill-interval must be positive
					concert.queue.stream-interval      | -1s    | concert.queue.stream-interval must be positive
					concert.queue.max-streams-per-token| -1     | concert.queue.max-streams-per-token must not be negative
					concert.queue.max-streams-per-instance| -1  | concert.queue.max-streams-per-instance must not be negative
					concert.queue.adaptive.interval    | 0ms    | concert.queue.adaptive.interval must be positive
					concert.monitoring.queue-interval  | 0s     | concert.monitoring.queue-interval must be positive
					concert.reservation.sweep-interval | 0s     | concert.reservation.sweep-interval must be positive
					concert.idempotency.purge-interval | -1m    | concert.idempotency.purge-interval must be positive
					concert.tickets.code-step          | 2s     | concert.tickets.code-step must be whole seconds from 5s to 10m
					concert.tickets.step-tolerance     | 9      | concert.tickets.step-tolerance must be from 0 to 4 steps
					concert.challenge.max-number       | 10     | concert.challenge.max-number must be at least 1000
					concert.challenge.expires          | 0s     | concert.challenge.expires must be positive and at most 1h
					concert.events.retry-interval      | 0s     | concert.events.retry-interval must be positive
					concert.events.topic               | a topic| concert.events.topic must be a Kafka topic name
					concert.mail.tickets-url           | ftp://x| concert.mail.tickets-url must be an http(s) URL
					""")
	void aBadSettingStopsStartUpNamingTheSetting(String name, String value, String message) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.datasource.url=jdbc:h2:mem:settings-" + UUID.randomUUID()
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
				"--" + name + "=" + value));

		Throwable failure = catchThrowable(() -> {
			try (ConfigurableApplicationContext started = new SpringApplicationBuilder(ConcertBookingApplication.class)
				.run(arguments.toArray(String[]::new))) {
				// Started: the bad value went through.
			}
		});

		assertThat(failure).as("start-up with %s=%s", name, value).isNotNull();
		BindException binding = find(failure, BindException.class);
		assertThat(binding).as("a binding failure, not some later fault").isNotNull();
		assertThat(name).as("the settings that failed to bind").startsWith(binding.getName().toString());
		assertThat(messages(failure)).anySatisfy((m) -> assertThat(m).contains(message));
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable t = failure; t != null; t = t.getCause()) {
			if (type.isInstance(t)) {
				return type.cast(t);
			}
		}
		return null;
	}

	private static List<String> messages(Throwable failure) {
		List<String> messages = new ArrayList<>();
		for (Throwable t = failure; t != null; t = t.getCause()) {
			messages.add(String.valueOf(t.getMessage()));
		}
		return messages;
	}

}
