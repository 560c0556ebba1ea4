package dev.ticketing.queue;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;
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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QueueTokenTests {

	private static final ConcertId CONCERT = new ConcertId(UUID.fromString("3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11"));

	private static final UserId USER = new UserId(UUID.fromString("8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10"));

	static final String SECRET = "dGhpcyBpcyBub3QgYSByZWFsIHNlY3JldCwgdGVzdHMgb25seQ";

	static final String OTHER_SECRET = "b3RoZXIgdGVzdCBzZWNyZXQsIG5ldmVyIHVzZWQgaW4gcHJvZA";

	private static final QueueTokenKeys KEYS = QueueTokenKeys.of(SECRET, null);

	private static final long ENTRY = (42L << 27) + 7;

	private static final String SEALED_WITH_SECRET = "AZtk3xZuyd3AawyX65FWed4UFEPuZIbLKD6z8wDb133SvcK0U1U4A3x831xuuhRQh8eeIBiEWmV4JKkQ";

	@Test
	void opensWhatItSeals() {
		QueueToken token = new QueueToken(CONCERT, USER, ENTRY);
		String sealed = token.sign(KEYS);
		assertThat(sealed).hasSize(80).matches("[A-Za-z0-9_-]{80}");
		assertThat(QueueToken.verify(sealed, KEYS)).isEqualTo(token);
	}

	@Test
	void sealsTheSameEntryAlwaysTheSame() {
		assertThat(new QueueToken(CONCERT, USER, ENTRY).sign(KEYS))
			.isEqualTo(new QueueToken(CONCERT, USER, ENTRY).sign(QueueTokenKeys.of(SECRET, null)));
	}

	@Test
	void givesEveryEntryUserAndConcertATokenOfItsOwn() {
		UserId other = new UserId(UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
		ConcertId otherConcert = new ConcertId(UUID.fromString("a4d2e6f8-1b3c-4d5e-8f90-123456789abc"));
		String token = new QueueToken(CONCERT, USER, ENTRY).sign(KEYS);
		assertThat(token).isNotEqualTo(new QueueToken(CONCERT, USER, ENTRY + 1).sign(KEYS))
			.isNotEqualTo(new QueueToken(CONCERT, other, ENTRY).sign(KEYS))
			.isNotEqualTo(new QueueToken(otherConcert, USER, ENTRY).sign(KEYS));
	}

	@Test
	void showsNeitherTheUserNorTheConcert() {
		byte[] bytes = Base64.getUrlDecoder().decode(new QueueToken(CONCERT, USER, ENTRY).sign(KEYS));
		String hex = HexFormat.of().formatHex(bytes);
		for (UUID id : new UUID[] { USER.value(), CONCERT.value() }) {
			String idHex = HexFormat.of()
				.formatHex(ByteBuffer.allocate(16)
					.putLong(id.getMostSignificantBits())
					.putLong(id.getLeastSignificantBits())
					.array());
			// Not even a quarter of the id shows.
			for (int i = 0; i + 8 <= idHex.length(); i += 8) {
				assertThat(hex).doesNotContain(idHex.substring(i, i + 8));
			}
		}
		String onlyTheEntryDiffers = new QueueToken(CONCERT, USER, ENTRY + 1).sign(KEYS);
		assertThat(commonPrefix(Base64.getUrlDecoder().decode(onlyTheEntryDiffers), bytes))
			.as("two entries' tokens share the key prefix and nothing after it")
			.isLessThan(QueueTokenKeys.PREFIX_BYTES + 2);
	}

	@Test
	void refusesATokenSealedWithAnotherSecret() {
		assertInvalid(new QueueToken(CONCERT, USER, ENTRY).sign(QueueTokenKeys.of(OTHER_SECRET, null)));
	}

	@Test
	void refusesATokenWithAnyBitChanged() {
		byte[] bytes = Base64.getUrlDecoder().decode(new QueueToken(CONCERT, USER, ENTRY).sign(KEYS));
		for (int bit = 0; bit < bytes.length * 8; bit++) {
			byte[] changed = bytes.clone();
			changed[bit / 8] ^= (byte) (1 << (bit % 8));
			assertInvalid(Base64.getUrlEncoder().withoutPadding().encodeToString(changed));
		}
	}

	@Test
	void opensTokensOfThePreviousSecretAndSealsWithTheCurrent() {
		QueueToken token = new QueueToken(CONCERT, USER, ENTRY);
		String before = token.sign(KEYS);
		QueueTokenKeys rotated = QueueTokenKeys.of(OTHER_SECRET, SECRET);
		assertThat(QueueToken.verify(before, rotated)).isEqualTo(token);
		String after = token.sign(rotated);
		assertThat(after).isNotEqualTo(before);
		assertThat(QueueToken.verify(after, rotated)).isEqualTo(token);
		assertInvalid(after, KEYS);
		assertInvalid(before, QueueTokenKeys.of(OTHER_SECRET, null));
	}

	@Test
	void namesItsKeyByAnIdDerivedFromTheSecret() {
		QueueTokenKeys rotated = QueueTokenKeys.of(OTHER_SECRET, SECRET);
		String token = new QueueToken(CONCERT, USER, ENTRY).sign(KEYS);
		assertThat(Base64.getUrlDecoder().decode(token)[0]).as("Tink's version byte").isEqualTo((byte) 1);
		assertThat(keyId(token)).isEqualTo(KEYS.currentKeyId());
		assertThat(keyId(new QueueToken(CONCERT, USER, ENTRY).sign(rotated))).isEqualTo(rotated.currentKeyId())
			.isNotEqualTo(KEYS.currentKeyId());
		assertThat(QueueTokenKeys.of(SECRET + "\n", null).currentKeyId()).as("a trailing newline is no part of it")
			.isEqualTo(KEYS.currentKeyId());
	}

	@Test
	void refusesATokenNamingAKeyItDoesNotHave() {
		byte[] bytes = Base64.getUrlDecoder().decode(new QueueToken(CONCERT, USER, ENTRY).sign(KEYS));
		ByteBuffer.wrap(bytes).putInt(1, KEYS.currentKeyId() + 1);
		assertInvalid(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
	}

	@Test
	void opensATokenAnEarlierReleaseSealedWithTheSameSecret() {
		// Sealed when tokens became Tink's AES-SIV: a release that made its keys
		// otherwise
		// would void every token in flight while instances roll.
		assertThat(QueueToken.verify(SEALED_WITH_SECRET, KEYS)).isEqualTo(new QueueToken(CONCERT, USER, ENTRY));
	}

	@Test
	void carriesEveryEntryTheStoreCanNumber() {
		for (long entry : new long[] { 0, 1, 255, 256, 1L << 27, 1L << 53, (1L << 56) - 1 }) {
			QueueToken token = new QueueToken(CONCERT, USER, entry);
			assertThat(QueueToken.verify(token.sign(KEYS), KEYS)).isEqualTo(token);
		}
		assertThatIllegalArgumentException().isThrownBy(() -> new QueueToken(CONCERT, USER, 1L << 56));
		assertThatIllegalArgumentException().isThrownBy(() -> new QueueToken(CONCERT, USER, -1));
	}

	@Test
	void refusesAForgedTokenOfTheRightShape() {
		assertInvalid("A".repeat(80));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "garbage", "Bearer",
			"01234567890123456789012345678901234567890123456789012345678901234567890123456789x",
			"0123456789012345678901234567890123456789012345678901234567890123456789012345678",
			"!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!",
			"++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++++",
			"================================================================================",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ",
			"ÄAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
	void rejectsAnythingThatIsNotATokenAs401InvalidToken(String text) {
		assertInvalid(text);
	}

	private static int keyId(String token) {
		return ByteBuffer.wrap(Base64.getUrlDecoder().decode(token)).getInt(1);
	}

	private static int commonPrefix(byte[] a, byte[] b) {
		int i = 0;
		while (i < a.length && a[i] == b[i]) {
			i++;
		}
		return i;
	}

	private static void assertInvalid(String text) {
		assertInvalid(text, KEYS);
	}

	private static void assertInvalid(String text, QueueTokenKeys keys) {
		assertThatExceptionOfType(ProblemException.class).isThrownBy(() -> QueueToken.verify(text, keys))
			.satisfies((ex) -> {
				assertThat(ex.status()).isEqualTo(401);
				assertThat(ex.code()).isEqualTo("INVALID_TOKEN");
			});
	}

}
