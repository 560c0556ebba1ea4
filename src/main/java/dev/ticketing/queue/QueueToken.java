package dev.ticketing.queue;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

/**
 * A queue token: names the concert and user it is bound to, plus 128 random bits that
 * only the queue knows belong to them. Opaque to clients (64 base64url characters).
 */
record QueueToken(ConcertId concertId, UserId userId, String secret) {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int BYTES = 48;

	static String newSecret() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	String encode() {
		ByteBuffer buffer = ByteBuffer.allocate(BYTES);
		put(buffer, this.concertId.value());
		put(buffer, this.userId.value());
		buffer.put(Base64.getUrlDecoder().decode(this.secret));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
	}

	/**
	 * @throws ProblemException 401 {@code INVALID_TOKEN} for anything that is not a token
	 */
	static QueueToken parse(String text) {
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
		if (bytes.length != BYTES) {
			// 64 characters with '=' padding decode to fewer bytes than a token has.
			throw invalid();
		}
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		ConcertId concert = new ConcertId(new UUID(buffer.getLong(), buffer.getLong()));
		UserId user = new UserId(new UUID(buffer.getLong(), buffer.getLong()));
		byte[] secret = new byte[16];
		buffer.get(secret);
		return new QueueToken(concert, user, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
	}

	static ProblemException invalid() {
		return new ProblemException(401, "INVALID_TOKEN", "Invalid queue token",
				"Send a queue token issued for this concert as 'Authorization: Bearer <tokenId>'");
	}

	private static void put(ByteBuffer buffer, UUID uuid) {
		buffer.putLong(uuid.getMostSignificantBits());
		buffer.putLong(uuid.getLeastSignificantBits());
	}

}
