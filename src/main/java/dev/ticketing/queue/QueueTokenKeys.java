package dev.ticketing.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import dev.ticketing.common.SettingRefused;

import com.google.crypto.tink.ConfigurationV0;
import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.daead.AesSivParameters;
import com.google.crypto.tink.daead.DeterministicAeadConfig;
import com.google.crypto.tink.subtle.Hkdf;
import com.google.crypto.tink.util.SecretBytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that seal and open {@link QueueToken}s: a Tink keyset of AES-SIV keys
 * (deterministic authenticated encryption, RFC 5297) made from
 * {@code concert.queue.token-secret}, never stored anywhere else. Tokens are sealed with
 * the current secret's key; while a rotation settles, tokens of
 * {@code concert.queue.previous-token-secret} still open. Tink prefixes every token with
 * the id of its key, so opening one picks the key without trying both, and refuses a
 * token of any other key.
 * <p>
 * A secret is a string of any length that holds 256 bits (so that operators can keep
 * using {@code openssl rand -base64 32}); Tink's HKDF (RFC 5869, HMAC-SHA256) turns it
 * into the 64 bytes of an AES-SIV key and the 32-bit id the key has in the keyset, the
 * same on every instance.
 */
final class QueueTokenKeys {

	/** Tink's prefix of a sealed token: a version byte and the key id. */
	static final int PREFIX_BYTES = 5;

	/** The synthetic IV of AES-SIV, which is also its authentication tag. */
	static final int TAG_BYTES = 16;

	/**
	 * Bits a secret must carry, estimated from its length and alphabet: 64 hex digits, 43
	 * base64 characters or 40 other printable ones.
	 */
	static final int SECRET_BITS = 256;

	private static final Logger log = LoggerFactory.getLogger(QueueTokenKeys.class);

	private static final AesSivParameters AES_SIV = aesSiv();

	private static final byte[] SALT = "dev.ticketing.queue-token.v2".getBytes(StandardCharsets.US_ASCII);

	private final DeterministicAead aead;

	private final int currentKeyId;

	private QueueTokenKeys(KeysetHandle keyset) {
		try {
			this.aead = keyset.getPrimitive(ConfigurationV0.get(), DeterministicAead.class);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Tink makes AES-SIV from any keyset of its keys", ex);
		}
		this.currentKeyId = keyset.getPrimary().getId();
	}

	/**
	 * Keys from the configured secrets.
	 * @param previousSecret the secret before the last rotation; null or blank for none
	 * @throws IllegalArgumentException if a secret is too weak, or both are one secret
	 */
	static QueueTokenKeys of(String secret, String previousSecret) {
		requireStrong("concert.queue.token-secret", secret);
		// A secret read from a file often ends in a newline; it is no part of the secret.
		AesSivKey current = keyOf(secret.strip());
		KeysetHandle.Builder keyset = KeysetHandle.newBuilder().addEntry(entry(current).makePrimary());
		if (previousSecret != null && !previousSecret.isBlank()) {
			requireStrong("concert.queue.previous-token-secret", previousSecret);
			if (previousSecret.strip().equals(secret.strip())) {
				throw new IllegalArgumentException(
						"concert.queue.previous-token-secret is the current secret: after a rotation it holds the one before");
			}
			AesSivKey previous = keyOf(previousSecret.strip());
			if (previous.getIdRequirementOrNull().equals(current.getIdRequirementOrNull())) {
				// One chance in 2^32: the key id could not tell the two keys apart.
				throw new IllegalArgumentException("The key ids of concert.queue.token-secret and "
						+ "previous-token-secret collide: generate another secret");
			}
			keyset.addEntry(entry(previous));
		}
		return new QueueTokenKeys(build(keyset));
	}

	/** A key drawn at random by Tink: it dies with the process. */
	static QueueTokenKeys generated() {
		try {
			return new QueueTokenKeys(KeysetHandle.generateNew(AES_SIV));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Tink generates AES-SIV keys", ex);
		}
	}

	/**
	 * The keys this process runs with. Instances sharing a Redis must all open each
	 * other's tokens, so there a missing secret is refused; one instance with its own
	 * embedded Redis (or a command, which issues no token) may draw its own at random.
	 * @param servesRequests false for a command such as {@code seed} or {@code audit}
	 * @param shared whether other instances may share this one's Redis (it is not the
	 * embedded mode's own)
	 * @throws SecretRefused if the secret is missing where it is needed, or weak
	 */
	static QueueTokenKeys forStartup(QueueProperties properties, boolean servesRequests, boolean shared) {
		String secret = properties.tokenSecret();
		if (secret == null || secret.isBlank()) {
			if (servesRequests && shared) {
				throw new SecretRefused("concert.queue.token-secret (CONCERT_QUEUE_TOKEN_SECRET) is not set. "
						+ "With a shared Redis (concert.redis.embedded=false, the prod profile) every instance must "
						+ "seal queue tokens with one secret.");
			}
			if (servesRequests) {
				log.warn("concert.queue.token-secret is not set: queue tokens are sealed with a secret generated at "
						+ "start-up, so they die with this process and no other instance accepts them. "
						+ "Set the property for anything but one embedded instance.");
			}
			return generated();
		}
		try {
			return of(secret, properties.previousTokenSecret());
		}
		catch (IllegalArgumentException ex) {
			throw new SecretRefused(ex.getMessage());
		}
	}

	/** {@code plain} sealed with the current key: the same plain text, the same token. */
	byte[] seal(byte[] plain) {
		try {
			return this.aead.encryptDeterministically(plain, new byte[0]);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-SIV encrypts any plain text", ex);
		}
	}

	/**
	 * What a token of the current or the previous key holds.
	 * @throws GeneralSecurityException for a token of another key, or changed in any bit
	 */
	byte[] open(byte[] sealed) throws GeneralSecurityException {
		return this.aead.decryptDeterministically(sealed, new byte[0]);
	}

	/** The id that names the current key in the tokens it seals. */
	int currentKeyId() {
		return this.currentKeyId;
	}

	/**
	 * Refuses a secret that cannot carry {@link #SECRET_BITS}: too short for its
	 * alphabet, or a repetition of a few characters. The message never shows the secret.
	 */
	static void requireStrong(String property, String secret) {
		if (secret == null || secret.isBlank()) {
			throw new IllegalArgumentException(property + " is empty");
		}
		String body = secret.strip();
		while (body.endsWith("=")) {
			// base64 padding carries nothing
			body = body.substring(0, body.length() - 1);
		}
		double bitsPerCharacter = body.chars().allMatch(QueueTokenKeys::isHex) ? 4
				: body.chars().allMatch(QueueTokenKeys::isBase64) ? 6 : 6.5;
		long distinct = body.chars().distinct().count();
		if (body.length() * bitsPerCharacter < SECRET_BITS || distinct < 10) {
			throw new IllegalArgumentException(property
					+ " is too weak: it must hold at least 32 random bytes, e.g. 64 hex digits or 43 base64 characters "
					+ "such as the output of 'openssl rand -base64 32' (" + body.length() + " characters, " + distinct
					+ " distinct, given)");
		}
	}

	/**
	 * The AES-SIV key of a secret, with the id it has in every instance's keyset: both
	 * from Tink's HKDF of the secret, each under its own label.
	 */
	private static AesSivKey keyOf(String secret) {
		byte[] material = secret.getBytes(StandardCharsets.UTF_8);
		try {
			byte[] key = Hkdf.computeHkdf("HMACSHA256", material, SALT, label("aes-siv key"),
					AES_SIV.getKeySizeBytes());
			int id = ByteBuffer.wrap(Hkdf.computeHkdf("HMACSHA256", material, SALT, label("key id"), 4)).getInt();
			return AesSivKey.builder()
				.setParameters(AES_SIV)
				.setKeyBytes(SecretBytes.copyFrom(key, InsecureSecretKeyAccess.get()))
				.setIdRequirement(id)
				.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", ex);
		}
	}

	private static KeysetHandle.Builder.Entry entry(AesSivKey key) {
		return KeysetHandle.importKey(key).withFixedId(key.getIdRequirementOrNull());
	}

	private static KeysetHandle build(KeysetHandle.Builder keyset) {
		try {
			return keyset.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("A keyset of one or two AES-SIV keys with their own ids is valid", ex);
		}
	}

	private static AesSivParameters aesSiv() {
		try {
			// Teaches Tink's keysets the AES-SIV key type; registering again changes
			// nothing.
			DeterministicAeadConfig.register();
			return AesSivParameters.builder().setKeySizeBytes(64).setVariant(AesSivParameters.Variant.TINK).build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-SIV with 64-byte keys is Tink's standard", ex);
		}
	}

	private static byte[] label(String label) {
		return label.getBytes(StandardCharsets.US_ASCII);
	}

	private static boolean isHex(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static boolean isBase64(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '+' || c == '/'
				|| c == '-' || c == '_';
	}

	/**
	 * The token secret stops the start: missing where instances share the store, or weak.
	 * Its message never shows a secret.
	 */
	static final class SecretRefused extends SettingRefused {

		static final String ACTION = "Set CONCERT_QUEUE_TOKEN_SECRET (concert.queue.token-secret) to the same secret "
				+ "on every instance, from a Secret (deploy/k8s/deployment.yaml): at least 32 random bytes, e.g. "
				+ "the output of 'openssl rand -base64 32'.";

		SecretRefused(String reason) {
			super(reason, ACTION);
		}

	}

}
