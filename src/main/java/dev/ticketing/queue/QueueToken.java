package dev.ticketing.queue;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
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
 * The 39 bytes of concert, user and entry are sealed by {@link QueueTokenKeys} with
 * Tink's AES-SIV, deterministic authenticated encryption: the token is Tink's key prefix
 * (5 bytes), the synthetic IV that is also the tag (16) and the cipher text (39). Any
 * other bit pattern, or a token of a key the service does not hold, is refused. Being
 * deterministic, the same entry always gets the same token, so issuing again keeps the
 * user's place; being encrypted, the token shows no user id, and two entries of one user
 * have unrelated tokens. A token works only while its entry is the user's current one:
 * the store compares the entry in the same atomic call that answers for the user, so a
 * token of an earlier entry (before a leave, an expiry or a payment) opens nothing.
 *
 * @param entry the user's entry into the concert's line, as numbered by the store: below
 * 2^56, which Redis's numbers (exact to 2^53) never reach
 * @see QueueTokenKeys the keys, made from {@code concert.queue.token-secret}
 */
record QueueToken(ConcertId concertId, UserId userId, long entry) {

	static final int LENGTH = 80;

	/**
	 * Seven bytes of entry make the token 60 bytes, a multiple of three: its base64 has
	 * no padding and no spare bits, so one token has one spelling.
	 */
	private static final int ENTRY_BYTES = 7;

	private static final int PLAIN_BYTES = 32 + ENTRY_BYTES;

	private static final int SEALED_BYTES = QueueTokenKeys.PREFIX_BYTES + QueueTokenKeys.TAG_BYTES + PLAIN_BYTES;

	QueueToken {
		if (entry < 0 || entry >= 1L << (8 * ENTRY_BYTES)) {
			throw new IllegalArgumentException("An entry is at least 0 and below 2^56, not " + entry);
		}
	}

	/** Sealed with the current key. */
	String sign(QueueTokenKeys keys) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.seal(plain()));
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
		byte[] plain;
		try {
			byte[] sealed = Base64.getUrlDecoder().decode(text);
			if (sealed.length != SEALED_BYTES) {
				// 80 characters with '=' padding decode to fewer bytes than a token has.
				throw invalid();
			}
			plain = keys.open(sealed);
		}
		catch (IllegalArgumentException | GeneralSecurityException ex) {
			throw invalid();
		}
		ByteBuffer fields = ByteBuffer.wrap(plain);
		ConcertId concert = new ConcertId(new UUID(fields.getLong(), fields.getLong()));
		UserId user = new UserId(new UUID(fields.getLong(), fields.getLong()));
		long entry = 0;
		while (fields.hasRemaining()) {
			entry = (entry << 8) | (fields.get() & 0xFF);
		}
		return new QueueToken(concert, user, entry);
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
		ByteBuffer plain = ByteBuffer.allocate(PLAIN_BYTES)
			.putLong(this.concertId.value().getMostSignificantBits())
			.putLong(this.concertId.value().getLeastSignificantBits())
			.putLong(this.userId.value().getMostSignificantBits())
			.putLong(this.userId.value().getLeastSignificantBits());
		for (int shift = 8 * (ENTRY_BYTES - 1); shift >= 0; shift -= 8) {
			plain.put((byte) (this.entry >>> shift));
		}
		return plain.array();
	}

}
