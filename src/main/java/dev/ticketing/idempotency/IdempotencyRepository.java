package dev.ticketing.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Recorded answers, one per user and key (the primary key decides between two attempts
 * with the same key: the second INSERT waits for the first's transaction and then fails,
 * rolling back the second's effect with it). A row past {@code expires_at} counts as
 * absent until the purge deletes it.
 */
@Repository
class IdempotencyRepository {

	private final JdbcClient jdbc;

	IdempotencyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the answer; inside the transaction of the effect it answers for.
	 * @throws org.springframework.dao.DuplicateKeyException if the key has an answer
	 */
	void insert(Recorded recorded, Instant now, Instant expiresAt) {
		this.jdbc
			.sql("""
					INSERT INTO idempotent_request (user_id, idem_key, fingerprint, status, content_type, body, created_at, expires_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(recorded.user(), recorded.key(), recorded.fingerprint(), recorded.answer().status(),
					recorded.answer().contentType(), recorded.answer().body(), Timestamp.from(now),
					Timestamp.from(expiresAt))
			.update();
	}

	/**
	 * Records the answer unless the key has one.
	 * @return whether it was recorded
	 */
	boolean insertIfAbsent(Recorded recorded, Instant now, Instant expiresAt) {
		return this.jdbc
			.sql("""
					INSERT INTO idempotent_request (user_id, idem_key, fingerprint, status, content_type, body, created_at, expires_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(recorded.user(), recorded.key(), recorded.fingerprint(), recorded.answer().status(),
					recorded.answer().contentType(), recorded.answer().body(), Timestamp.from(now),
					Timestamp.from(expiresAt))
			.update() == 1;
	}

	Optional<Recorded> find(java.util.UUID user, String key, Instant now) {
		return this.jdbc.sql("""
				SELECT fingerprint, status, content_type, body FROM idempotent_request
				 WHERE user_id = ? AND idem_key = ? AND expires_at > ?""")
			.params(user, key, Timestamp.from(now))
			.query((rs, n) -> new Recorded(user, key, rs.getString("fingerprint"),
					new Answer(rs.getInt("status"), rs.getString("content_type"), rs.getBytes("body"))))
			.optional();
	}

	/** Deletes the key's answer if it has run out, so that the key can be used anew. */
	boolean deleteExpired(java.util.UUID user, String key, Instant now) {
		return this.jdbc.sql("DELETE FROM idempotent_request WHERE user_id = ? AND idem_key = ? AND expires_at <= ?")
			.params(user, key, Timestamp.from(now))
			.update() == 1;
	}

	int purge(Instant now) {
		return this.jdbc.sql("DELETE FROM idempotent_request WHERE expires_at <= ?")
			.param(Timestamp.from(now))
			.update();
	}

	record Recorded(java.util.UUID user, String key, String fingerprint, Answer answer) {
	}

}
