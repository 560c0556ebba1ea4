package dev.ticketing.auditlog;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The audit log's table. Only appends and reads: there is no statement here, nor
 * anywhere, that changes or removes a row.
 */
@Repository
class AuditLogRepository {

	private final JdbcClient jdbc;

	AuditLogRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void append(Instant at, String actor, String clientAddress, String action, String subject, String details) {
		this.jdbc.sql("""
				INSERT INTO audit_log (recorded_at, actor, client_address, action, subject, details)
				VALUES (?, ?, ?, ?, ?, ?)""")
			.params(Timestamp.from(at), actor, clientAddress, action, subject, details)
			.update();
	}

	/**
	 * At most {@code size} entries from the {@code offset}-th newest on, newest first.
	 */
	List<Entry> newest(int offset, int size) {
		return this.jdbc.sql("""
				SELECT id, recorded_at, actor, client_address, action, subject, details FROM audit_log
				 ORDER BY recorded_at DESC, id DESC
				 LIMIT ? OFFSET ?""")
			.params(size, offset)
			.query((rs, n) -> new Entry(rs.getLong("id"), rs.getTimestamp("recorded_at").toInstant(),
					rs.getString("actor"), rs.getString("client_address"), rs.getString("action"),
					rs.getString("subject"), rs.getString("details")))
			.list();
	}

	long count() {
		return this.jdbc.sql("SELECT count(*) FROM audit_log").query(Long.class).single();
	}

	/** One recorded action; {@code details} is JSON text. */
	record Entry(long id, Instant at, String actor, String clientAddress, String action, String subject,
			String details) {
	}

}
