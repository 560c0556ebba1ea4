package dev.ticketing.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that seal and open {@link QueueToken}s, derived from
 * {@code concert.queue.token-secret}, never stored anywhere else. Tokens are sealed with
 * the current secret's keys; while a rotation settles, tokens of
 * {@code concert.queue.previous-token-secret} still open. Every token names its key by an
 * id derived from the key, so opening one picks the key without trying both.
 * <p>
 * From a secret, HKDF (RFC 5869, HMAC-SHA256) extracts a pseudorandom key and expands it
 * into the MAC key, the AES-256 key and the 4-byte key id, each under its own label.
 */
final class QueueTokenKeys {

	static final int KEY_ID_BYTES = 4;

	static final int MAC_BYTES = 16;

	/**
	 * Bits a secret must carry, estimated from its length and alphabet: 64 hex digits, 43
	 * base64 characters or 40 other printable ones.
	 */
	static final int SECRET_BITS = 256;

	private static final Logger log = LoggerFactory.getLogger(QueueTokenKeys.class);

	private static final byte[] SALT = "dev.ticketing.queue-token.v1".getBytes(StandardCharsets.US_ASCII);

	private final Key current;

	private final Key previous;

	private QueueTokenKeys(Key current, Key previous) {
		this.current = current;
		this.previous = previous;
	}

	/**
	 * Keys from the configured secrets.
	 * @param previousSecret the secret before the last rotation; null or blank for none
	 * @throws IllegalArgumentException if a secret is too weak, or both are one secret
	 */
	static QueueTokenKeys of(String secret, String previousSecret) {
		requireStrong("concert.queue.token-secret", secret);
		// A secret read from a file often ends in a newline; it is no part of the secret.
		Key current = Key.derive(secret.strip());
		if (previousSecret == null || previousSecret.isBlank()) {
			return new QueueTokenKeys(current, null);
		}
		requireStrong("concert.queue.previous-token-secret", previousSecret);
		if (previousSecret.strip().equals(secret.strip())) {
			throw new IllegalArgumentException(
					"concert.queue.previous-token-secret is the current secret: after a rotation it holds the one before");
		}
		Key previous = Key.derive(previousSecret.strip());
		if (previous.id() == current.id()) {
			// One chance in 2^32: the key id could not tell the two keys apart.
			throw new IllegalArgumentException(
					"The key ids of concert.queue.token-secret and previous-token-secret collide: generate another secret");
		}
		return new QueueTokenKeys(current, previous);
	}

	/** Keys from a secret drawn at random: they die with the process. */
	static QueueTokenKeys generated() {
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		return of(Base64.getEncoder().encodeToString(secret), null);
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

	Key current() {
		return this.current;
	}

	/** The key of that id, or null if it is none of ours. */
	Key withId(int id) {
		if (id == this.current.id()) {
			return this.current;
		}
		return (this.previous != null && id == this.previous.id()) ? this.previous : null;
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
	static final class SecretRefused extends IllegalStateException {

		static final String ACTION = "Set CONCERT_QUEUE_TOKEN_SECRET (concert.queue.token-secret) to the same secret "
				+ "on every instance, from a Secret (deploy/k8s/deployment.yaml): at least 32 random bytes, e.g. "
				+ "the output of 'openssl rand -base64 32'.";

		private final String reason;

		SecretRefused(String reason) {
			super(reason + " " + ACTION);
			this.reason = reason;
		}

		String reason() {
			return this.reason;
		}

	}

	/**
	 * One secret's keys, prepared once: looking the algorithms up and keying them costs
	 * more than sealing a token, on every request that carries one.
	 */
	static final class Key {

		private final int id;

		private final byte[] idBytes;

		private final Mac keyedMac;

		private final SecretKeySpec aes;

		/**
		 * Ciphers are not thread-safe: each call takes an idle one or makes one, and
		 * gives it back. The pool grows to the most calls that ever ran at once.
		 */
		private final Queue<Cipher> idle = new ConcurrentLinkedQueue<>();

		private Key(byte[] macKey, byte[] aesKey, byte[] id) {
			this.idBytes = id;
			this.id = ByteBuffer.wrap(id).getInt();
			this.keyedMac = hmac(macKey);
			this.aes = new SecretKeySpec(aesKey, "AES");
		}

		static Key derive(String secret) {
			byte[] prk = hmac(SALT).doFinal(secret.getBytes(StandardCharsets.UTF_8));
			return new Key(expand(prk, "mac"), expand(prk, "aes-256"),
					Arrays.copyOf(expand(prk, "key id"), KEY_ID_BYTES));
		}

		int id() {
			return this.id;
		}

		/** The first 128 bits of HMAC-SHA256 over the key id and {@code plain}. */
		byte[] mac(byte[] plain) {
			Mac mac = mac();
			mac.update(this.idBytes);
			return Arrays.copyOf(mac.doFinal(plain), MAC_BYTES);
		}

		/** AES-256 in counter mode from {@code iv}: encrypts and decrypts alike. */
		byte[] crypt(byte[] iv, byte[] input, int offset, int length) {
			Cipher cipher = this.idle.poll();
			try {
				if (cipher == null) {
					cipher = Cipher.getInstance("AES/CTR/NoPadding");
				}
				cipher.init(Cipher.ENCRYPT_MODE, this.aes, new IvParameterSpec(iv));
				byte[] output = cipher.doFinal(input, offset, length);
				this.idle.offer(cipher);
				return output;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("AES/CTR is part of every Java runtime", ex);
			}
		}

		private Mac mac() {
			try {
				return (Mac) this.keyedMac.clone();
			}
			catch (CloneNotSupportedException ex) {
				throw new IllegalStateException("HmacSHA256 of every Java runtime can be cloned", ex);
			}
		}

		/** HKDF-Expand for one block: T(1) = HMAC(PRK, info || 0x01). */
		private static byte[] expand(byte[] prk, String label) {
			Mac mac = hmac(prk);
			mac.update(label.getBytes(StandardCharsets.US_ASCII));
			return mac.doFinal(new byte[] { 1 });
		}

		private static Mac hmac(byte[] key) {
			try {
				Mac mac = Mac.getInstance("HmacSHA256");
				mac.init(new SecretKeySpec(key, "HmacSHA256"));
				return mac;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("HmacSHA256 is part of every Java runtime", ex);
			}
		}

	}

}
