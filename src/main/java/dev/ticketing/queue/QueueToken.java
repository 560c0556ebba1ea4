package dev.ticketing.queue;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

/**
 * A queue token: the concert and user it is bound to and a 128-bit HMAC of both under the
 * queue's secret key, so it cannot be guessed or moved to another user or concert, and
 * checking it needs no lookup. The same user and concert always get the same token.
 * Opaque to clients: 64 base64url characters.
 */
record QueueToken(ConcertId concertId, UserId userId) {

	private static final int MAC_BYTES = 16;

	String sign(byte[] key) {
		ByteBuffer buffer = ByteBuffer.allocate(32 + MAC_BYTES);
		buffer.put(subject());
		buffer.put(mac(key));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	/**
	 * @throws ProblemException 401 {@code INVALID_TOKEN} for anything not signed with
	 * {@code key}
	 */
	static QueueToken verify(String text, byte[] key) {
		if (text == null || text.length() != 64) {
			throw invalid();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		if (bytes.length != 32 + MAC_BYTES) {
			// 64 characters with '=' padding decode to fewer bytes than a token has.
			throw invalid();
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		QueueToken token = new QueueToken(new ConcertId(new UUID(buffer.getLong(), buffer.getLong())),
				new UserId(new UUID(buffer.getLong(), buffer.getLong())));
		if (!MessageDigest.isEqual(token.mac(key), Arrays.copyOfRange(bytes, 32, bytes.length))) {
			throw invalid();
		}
		return token;
	}

	static ProblemException invalid() {
		return new ProblemException(401, "INVALID_TOKEN", "Invalid queue token",
				"Send a queue token issued for this concert as 'Authorization: Bearer <tokenId>'");
	}

	private byte[] subject() {
		return ByteBuffer.allocate(32)
			.putLong(this.concertId.value().getMostSignificantBits())
			.putLong(this.concertId.value().getLeastSignificantBits())
			.putLong(this.userId.value().getMostSignificantBits())
			.putLong(this.userId.value().getLeastSignificantBits())
			.array();
	}

	private byte[] mac(byte[] key) {
		return Arrays.copyOf(Signer.forKey(key).mac().doFinal(subject()), MAC_BYTES);
	}

	/**
	 * An HMAC already keyed, copied for each use: looking the algorithm up and keying it
	 * cost more than the MAC itself, on every request that carries a token.
	 */
	private record Signer(byte[] key, Mac keyed) {

		private static volatile Signer current;

		static Signer forKey(byte[] key) {
			Signer signer = current;
			if (signer == null || !Arrays.equals(signer.key, key)) {
				signer = new Signer(key.clone(), keyed(key));
				current = signer;
			}
			return signer;
		}

		Mac mac() {
			try {
				return (Mac) this.keyed.clone();
			}
			catch (CloneNotSupportedException ex) {
				return keyed(this.key);
			}
		}

		private static Mac keyed(byte[] key) {
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
