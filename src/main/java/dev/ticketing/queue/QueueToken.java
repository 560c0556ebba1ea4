package dev.ticketing.queue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

/**
 * A queue token: the concert, the user and the user's entry into the line, sealed so that
 * it cannot be guessed, read or moved, and checking it needs no lookup. Opaque to
 * clients: 80 base64url characters.
 * <p>
 * The seal is deterministic authenticated encryption in the manner of SIV (RFC 5297),
 * built from the JDK's HMAC-SHA256 and AES: the 40 bytes of concert, user and entry are
 * authenticated with a 128-bit HMAC under one key, and that MAC is both the tag and the
 * counter-mode IV with which AES-256 encrypts them under a second key. The token is the
 * key id (4 bytes), the MAC (16) and the ciphertext (40). Opening it decrypts with the
 * key the id names and recomputes the MAC; any other bit pattern is refused. Being
 * deterministic, the same entry always gets the same token, so issuing again keeps the
 * user's place; being encrypted, the token shows no user id, and two entries of one user
 * have unrelated tokens. A token works only while its entry is the user's current one:
 * the store compares the entry in the same atomic call that answers for the user, so a
 * token of an earlier entry (before a leave, an expiry or a payment) opens nothing.
 *
 * @param entry the user's entry into the concert's line, as numbered by the store
 * @see QueueTokenKeys the keys, derived from {@code concert.queue.token-secret}
 */
record QueueToken(ConcertId concertId, UserId userId, long entry) {

	static final int LENGTH = 80;

	private static final int PLAIN_BYTES = 40;

	private static final int SEALED_BYTES = QueueTokenKeys.KEY_ID_BYTES + QueueTokenKeys.MAC_BYTES + PLAIN_BYTES;

	/** Sealed with the current key. */
	String sign(QueueTokenKeys keys) {
		QueueTokenKeys.Key key = keys.current();
		byte[] plain = plain();
		byte[] mac = key.mac(plain);
		ByteBuffer sealed = ByteBuffer.allocate(SEALED_BYTES);
		sealed.putInt(key.id()).put(mac).put(key.crypt(mac, plain, 0, PLAIN_BYTES));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed.array());
	}

	/**
	 * Opens a token sealed with the current or the previous key. Says nothing about
	 * whether its entry still stands: the store does.
	 * @throws ProblemException 401 {@code INVALID_TOKEN} for anything else
	 */
	static QueueToken verify(String text, QueueTokenKeys keys) {
		if (text == null || text.length() != LENGTH) {
			throw invalid();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(text);
		}
		catch (IllegalArgumentException ex) {
			throw invalid();
		}
		if (bytes.length != SEALED_BYTES) {
			// 80 characters with '=' padding decode to fewer bytes than a token has.
			throw invalid();
		}
		QueueTokenKeys.Key key = keys.withId(ByteBuffer.wrap(bytes).getInt());
		if (key == null) {
			throw invalid();
		}
		int at = QueueTokenKeys.KEY_ID_BYTES;
		byte[] mac = Arrays.copyOfRange(bytes, at, at + QueueTokenKeys.MAC_BYTES);
		byte[] plain = key.crypt(mac, bytes, at + QueueTokenKeys.MAC_BYTES, PLAIN_BYTES);
		if (!MessageDigest.isEqual(key.mac(plain), mac)) {
			throw invalid();
		}
		ByteBuffer fields = ByteBuffer.wrap(plain);
		return new QueueToken(new ConcertId(new UUID(fields.getLong(), fields.getLong())),
				new UserId(new UUID(fields.getLong(), fields.getLong())), fields.getLong());
	}

	static ProblemException invalid() {
		return new ProblemException(401, "INVALID_TOKEN", "Invalid queue token",
				"Send a queue token issued for this concert as 'Authorization: Bearer <tokenId>'");
	}

	/** A token that was issued, but whose admission or place is over. */
	static ProblemException expired() {
		return new ProblemException(401, "TOKEN_EXPIRED", "Queue token expired",
				"This token is no longer admitted; issue a new one");
	}

	private byte[] plain() {
		return ByteBuffer.allocate(PLAIN_BYTES)
			.putLong(this.concertId.value().getMostSignificantBits())
			.putLong(this.concertId.value().getLeastSignificantBits())
			.putLong(this.userId.value().getMostSignificantBits())
			.putLong(this.userId.value().getLeastSignificantBits())
			.putLong(this.entry)
			.array();
	}

}
