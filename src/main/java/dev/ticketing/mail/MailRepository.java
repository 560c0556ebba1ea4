package dev.ticketing.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.ticketing.common.UserId;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MailRepository {

	private final JdbcClient jdbc;

	MailRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Keeps {@code email} as the user's address, replacing an earlier one. */
	void saveContact(UserId user, String email, Instant now) {
		int updated = this.jdbc.sql("UPDATE fan_contact SET email = ?, updated_at = ? WHERE user_id = ?")
			.params(email, Timestamp.from(now), user.value())
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("INSERT INTO fan_contact (user_id, email, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
				.params(user.value(), email, Timestamp.from(now))
				.update();
		}
	}

	Optional<String> contact(UserId user) {
		return this.jdbc.sql("SELECT email FROM fan_contact WHERE user_id = ?")
			.param(user.value())
			.query(String.class)
			.optional();
	}

	/**
	 * Records the mail answering {@code event}, unless one is recorded already: the
	 * inserted row decides, so a redelivered event sends nothing.
	 * @return whether this is the first
	 */
	boolean recordSent(UUID event, UserId user, String kind, String recipient, String subject, Instant now) {
		return this.jdbc.sql("""
				INSERT INTO sent_mail (event_id, user_id, kind, recipient, subject, sent_at)
				VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
			.params(event, user.value(), kind, recipient, subject, Timestamp.from(now))
			.update() == 1;
	}

}
