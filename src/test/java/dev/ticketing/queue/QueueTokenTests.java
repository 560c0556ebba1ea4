package dev.ticketing.queue;

import java.util.Base64;
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

	private static final byte[] KEY = "a key of thirty-two bytes length".getBytes();

	@Test
	void verifiesWhatItSigns() {
		QueueToken token = new QueueToken(CONCERT, USER);
		String signed = token.sign(KEY);
		assertThat(signed).hasSize(64).matches("[A-Za-z0-9_-]{64}");
		assertThat(QueueToken.verify(signed, KEY)).isEqualTo(token);
	}

	@Test
	void signsTheSameUserAndConcertAlwaysTheSame() {
		assertThat(new QueueToken(CONCERT, USER).sign(KEY)).isEqualTo(new QueueToken(CONCERT, USER).sign(KEY));
	}

	@Test
	void carriesA128BitMac() {
		byte[] bytes = Base64.getUrlDecoder().decode(new QueueToken(CONCERT, USER).sign(KEY));
		assertThat(bytes).hasSize(48);
	}

	@Test
	void givesDifferentUsersAndConcertsDifferentTokens() {
		UserId other = new UserId(UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
		ConcertId otherConcert = new ConcertId(UUID.fromString("a4d2e6f8-1b3c-4d5e-8f90-123456789abc"));
		assertThat(new QueueToken(CONCERT, USER).sign(KEY)).isNotEqualTo(new QueueToken(CONCERT, other).sign(KEY))
			.isNotEqualTo(new QueueToken(otherConcert, USER).sign(KEY));
	}

	@Test
	void refusesATokenSignedWithAnotherKey() {
		String signed = new QueueToken(CONCERT, USER).sign("another key, also thirty-two b..".getBytes());
		assertInvalid(signed);
	}

	@Test
	void refusesATokenMovedToAnotherUser() {
		byte[] bytes = Base64.getUrlDecoder().decode(new QueueToken(CONCERT, USER).sign(KEY));
		bytes[20] ^= 1;
		assertInvalid(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	@Test
	void refusesAForgedTokenOfTheRightShape() {
		assertInvalid("A".repeat(64));
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
		assertInvalid(text);
	}

	private static void assertInvalid(String text) {
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> QueueToken.verify(text, KEY))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(401);
				assertThat(ex.code()).isEqualTo("INVALID_TOKEN");
			});
	}

}
