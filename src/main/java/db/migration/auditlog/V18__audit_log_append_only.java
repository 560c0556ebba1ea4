package db.migration.auditlog;

import java.sql.Connection;
import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * On PostgreSQL, the audit log refuses every UPDATE, DELETE and TRUNCATE by a trigger, so
 * that not even a hand-typed statement rewrites what was recorded. H2 (the embedded mode,
 * whose data lives only as long as the process) has no procedural triggers in SQL and
 * relies on there being no code path that changes a row.
 */
public class V18__audit_log_append_only extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
			return;
		}
		try (Statement create = connection.createStatement()) {
			create.execute("""
					CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
					BEGIN
					    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP;
					END
					$$""");
			create.execute("""
					CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
					    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""");
			create.execute("""
					CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
					    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""");
		}
	}

}
