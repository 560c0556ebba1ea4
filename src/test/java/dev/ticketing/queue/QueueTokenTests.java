package dev.ticketing.queue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class QueueTokenTests {

	private static final ConcertId CONCERT = new ConcertId(UUID.fromString("3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11"));

	private static final UserId USER = new UserId(UUID.fromString("8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10"));

	@Test
	void parsesWhatItEncodes() {
		QueueToken token = new QueueToken(CONCERT, USER, QueueToken.newSecret());
		String encoded = token.encode();
		assertThat(encoded).hasSize(64).matches("[A-Za-z0-9_-]{64}");
		assertThat(QueueToken.parse(encoded)).isEqualTo(token);
	}

	@Test
	void drawsSecretsOf128RandomBits() {
		Set<String> secrets = new HashSet<>();
		for (int i = 0; i < 1_000; i++) {
			String secret = QueueToken.newSecret();
			assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(16);
			secrets.add(secret);
		}
		assertThat(secrets).hasSize(1_000);
	}

	@Test
	void givesDifferentUsersDifferentTokens() {
		UserId other = new UserId(UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
		String secret = QueueToken.newSecret();
		assertThat(new QueueToken(CONCERT, USER, secret).encode())
			.isNotEqualTo(new QueueToken(CONCERT, other, secret).encode());
		assertThat(new QueueToken(CONCERT, USER, QueueToken.newSecret()).encode())
			.isNotEqualTo(new QueueToken(CONCERT, other, QueueToken.newSecret()).encode());
	}

	@Test
	void givesOneUserDifferentTokensForDifferentConcerts() {
		ConcertId other = new ConcertId(UUID.fromString("a4d2e6f8-1b3c-4d5e-8f90-123456789abc"));
		String secret = QueueToken.newSecret();
		assertThat(new QueueToken(CONCERT, USER, secret).encode())
			.isNotEqualTo(new QueueToken(other, USER, secret).encode());
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "garbage", "Bearer", "0123456789012345678901234567890123456789012345678901234567890123x",
			"012345678901234567890123456789012345678901234567890123456789012",
			"!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
			"++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++",
			"================================================================",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ",
			"ÄAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
	void rejectsAnythingThatIsNotATokenAs401InvalidToken(String text) {
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> QueueToken.parse(text)).satisfies((ex) -> {
			assertThat(ex.status()).isEqualTo(401);
			assertThat(ex.code()).isEqualTo("INVALID_TOKEN");
		});
	}

	@Test
	void parsesAForgedTokenOfTheRightShapeSoOnlyTheQueueCanTellItIsUnknown() {
		String forged = "A".repeat(64);
		QueueToken parsed = QueueToken.parse(forged);
		assertThat(parsed.concertId().value()).isEqualTo(new UUID(0, 0));
		assertThat(parsed.secret()).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]));
	}

}
