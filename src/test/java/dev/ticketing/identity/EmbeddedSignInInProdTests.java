package dev.ticketing.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ticketing.ConcertBookingApplication;
import dev.ticketing.common.SettingRefusedFailureAnalyzer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The prod profile does not start the embedded sign-in with the published demo password
 * (or none, or a short one): anyone who reached it would sign in as the organiser. The
 * real application starts with the prod profile and the embedded sign-in turned on, as
 * deploy/compose.yaml used to, and the start fails naming the setting.
 */
class EmbeddedSignInInProdTests {

	@ParameterizedTest(name = "demo-password={0}")
	@CsvSource(delimiter = '|', nullValues = "(none)",
			textBlock = """
					(none)          | concert.security.embedded.demo-password (CONCERT_SECURITY_EMBEDDED_DEMO_PASSWORD) is not set
					demo            | concert.security.embedded.demo-password (CONCERT_SECURITY_EMBEDDED_DEMO_PASSWORD) is shorter than concert.security.embedded.min-password-length (16)
					fifteen-letters | is shorter than concert.security.embedded.min-password-length (16)
					""")
	void theProdProfileRefusesToStartTheEmbeddedSignInWithoutALongPasswordOfItsOwn(String password, String reason) {
		List<String> arguments = new ArrayList<>(
				List.of("--spring.profiles.active=prod", "--server.port=0", "--management.server.port=0",
						"--spring.datasource.url=jdbc:h2:mem:embedded-prod-" + UUID.randomUUID()
								+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
						"--spring.datasource.username=sa", "--spring.datasource.password=",
						"--concert.queue.key-prefix=embedded-prod-" + UUID.randomUUID() + ":",
						"--concert.queue.token-secret=" + "ab".repeat(32),
						"--concert.challenge.hmac-key=" + "cd".repeat(32), "--concert.security.embedded.enabled=true"));
		if (password != null) {
			arguments.add("--concert.security.embedded.demo-password=" + password);
		}

		Throwable failure = catchThrowable(() -> {
			try (ConfigurableApplicationContext started = new SpringApplicationBuilder(ConcertBookingApplication.class)
				.run(arguments.toArray(String[]::new))) {
				// Started: the embedded sign-in is open with a password anyone may know.
			}
		});

		assertThat(failure).as("the start with the embedded sign-in and demo-password=%s", password).isNotNull();
		FailureAnalysis analysis = new SettingRefusedFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("refused for the password, not some later fault: %s", failure).isNotNull();
		assertThat(analysis.getDescription()).contains(reason);
		assertThat(analysis.getAction()).contains("CONCERT_SECURITY_EMBEDDED_ENABLED=false",
				"SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI");
		if (password != null && !"concert.security.embedded.demo-password".contains(password)) {
			assertThat(analysis.getDescription() + analysis.getAction()).as("the password is never shown")
				.doesNotContain(password);
		}
	}

}
