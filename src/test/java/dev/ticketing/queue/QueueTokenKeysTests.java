package dev.ticketing.queue;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.SettingRefusedFailureAnalyzer;
import dev.ticketing.common.UserId;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class QueueTokenKeysTests {

	static final QueueSettings SETTINGS = QueueSettings.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2),
			Duration.ofMinutes(5), 0);

	static final QueueProperties NO_SECRET = SETTINGS.build();

	@Test
	void acceptsSecretsOf32RandomBytesInBase64OrHex() {
		byte[] random = new byte[32];
		new SecureRandom().nextBytes(random);
		QueueTokenKeys.requireStrong("s", Base64.getEncoder().encodeToString(random));
		QueueTokenKeys.requireStrong("s", Base64.getUrlEncoder().withoutPadding().encodeToString(random));
		QueueTokenKeys.requireStrong("s", HexFormat.of().formatHex(random));
		QueueTokenKeys.requireStrong("s", "A long passphrase, 40+ printable chars: #7!");
	}

	@ParameterizedTest
	@ValueSource(strings = { "hunter2", "changeme-changeme-changeme-changeme-changeme-changeme",
			"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void refusesSecretsThatCannotHold256BitsWithoutShowingThem(String secret) {
		assertThatIllegalArgumentException().isThrownBy(() -> QueueTokenKeys.requireStrong("the secret", secret))
			.withMessageStartingWith("the secret is")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(secret.strip()));
	}

	@Test
	void refusesAPreviousSecretThatIsTheCurrentOne() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QueueTokenKeys.of(QueueTokenTests.SECRET, QueueTokenTests.SECRET + "\n"))
			.withMessageContaining("previous-token-secret is the current secret");
	}

	@Test
	void withASharedRedisAMissingSecretStopsTheStartWithAClearMessage() {
		assertThatIllegalStateException().isThrownBy(() -> QueueTokenKeys.forStartup(NO_SECRET, true, true))
			.withMessageContaining("concert.queue.token-secret (CONCERT_QUEUE_TOKEN_SECRET) is not set")
			.withMessageContaining("openssl rand -base64 32");
	}

	@Test
	void aRefusedSecretIsReportedAsTheReasonTheStartFailed() {
		Exception failure = new IllegalStateException("Error creating bean with name 'queueService'",
				new IllegalStateException("Error creating bean with name 'queueTokenKeys'",
						catchThrowable(() -> QueueTokenKeys.forStartup(NO_SECRET, true, true))));
		FailureAnalysis analysis = new SettingRefusedFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription())
			.isEqualTo("concert.queue.token-secret (CONCERT_QUEUE_TOKEN_SECRET) is not set. With a shared Redis "
					+ "(concert.redis.embedded=false, the prod profile) every instance must seal queue tokens with one "
					+ "secret.");
		assertThat(analysis.getAction()).contains("CONCERT_QUEUE_TOKEN_SECRET", "openssl rand -base64 32");
	}

	@Test
	void theProdConfigurationWithoutASecretFailsToStart() {
		new ApplicationContextRunner().withUserConfiguration(QueueConfiguration.class)
			.withBean(StringRedisTemplate.class, () -> mock(StringRedisTemplate.class))
			.withPropertyValues("concert.redis.embedded=false")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("concert.queue.token-secret (CONCERT_QUEUE_TOKEN_SECRET) is not set"));
		new ApplicationContextRunner().withUserConfiguration(QueueConfiguration.class)
			.withBean(StringRedisTemplate.class, () -> mock(StringRedisTemplate.class))
			.withPropertyValues("concert.redis.embedded=false", "concert.queue.token-secret=" + QueueTokenTests.SECRET)
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(QueueTokenKeys.class));
	}

	@Test
	void aWeakSecretStopsTheStartWithoutShowingIt(CapturedOutput output) {
		String weak = "not-random-enough-1234";
		assertThatIllegalStateException()
			.isThrownBy(() -> QueueTokenKeys.forStartup(SETTINGS.withTokenSecrets(weak, "").build(), true, true))
			.withMessageContaining("concert.queue.token-secret is too weak")
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(weak));
		assertThat(SETTINGS.withTokenSecrets(weak, QueueTokenTests.OTHER_SECRET).build().toString())
			.doesNotContain(weak)
			.doesNotContain(QueueTokenTests.OTHER_SECRET);
		assertThat(output).doesNotContain(weak);
	}

	@Test
	void oneEmbeddedInstanceWithoutASecretDrawsOneAndSaysSo(CapturedOutput output) {
		QueueTokenKeys keys = QueueTokenKeys.forStartup(NO_SECRET, true, false);
		QueueToken token = new QueueToken(new ConcertId(UUID.randomUUID()), new UserId(UUID.randomUUID()), 1);
		assertThat(QueueToken.verify(token.sign(keys), keys)).isEqualTo(token);
		QueueTokenKeys another = QueueTokenKeys.forStartup(NO_SECRET, true, false);
		assertThat(another.currentKeyId()).isNotEqualTo(keys.currentKeyId());
		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> QueueToken.verify(token.sign(keys), another));
		assertThat(output).contains("concert.queue.token-secret is not set: queue tokens are sealed with a secret "
				+ "generated at start-up");
	}

	@Test
	void aCommandNeedsNoSecretEvenWithASharedRedis() {
		QueueTokenKeys keys = QueueTokenKeys.forStartup(NO_SECRET, false, true);
		QueueToken token = new QueueToken(new ConcertId(UUID.randomUUID()), new UserId(UUID.randomUUID()), 1);
		assertThat(QueueToken.verify(token.sign(keys), keys)).isEqualTo(token);
	}

	@Test
	void aConfiguredSecretIsUsedWithItsPredecessor() {
		QueueTokenKeys keys = QueueTokenKeys.forStartup(
				SETTINGS.withTokenSecrets(QueueTokenTests.OTHER_SECRET, QueueTokenTests.SECRET).build(), true, true);
		QueueTokenKeys before = QueueTokenKeys.of(QueueTokenTests.SECRET, null);
		QueueToken token = new QueueToken(new ConcertId(UUID.randomUUID()), new UserId(UUID.randomUUID()), 1);
		assertThat(keys.currentKeyId()).isEqualTo(QueueTokenKeys.of(QueueTokenTests.OTHER_SECRET, null).currentKeyId());
		assertThat(QueueToken.verify(token.sign(before), keys)).isEqualTo(token);
	}

}
