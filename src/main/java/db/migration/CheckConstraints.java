package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Widens a CHECK constraint that was declared inline, and so was named by the database:
 * PostgreSQL and H2 name it differently, so a plain SQL migration cannot drop it on both.
 * Finds it by a word of its clause (in PostgreSQL's catalogue, for this table only: its
 * INFORMATION_SCHEMA views read every schema's tables and fail when another schema is
 * dropped meanwhile; in H2's INFORMATION_SCHEMA), drops it and adds the new one under a
 * name of its own.
 */
public final class CheckConstraints {

	private CheckConstraints() {
	}

	/**
	 * @param table the table (unquoted, as the migrations create it)
	 * @param clauseWord a word only the old constraint's clause has, e.g. a status value
	 * @param name the new constraint's name
	 * @param clause the new constraint's clause
	 */
	public static void replace(Connection connection, String table, String clauseWord, String name, String clause)
			throws SQLException {
		List<String> old = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")
				? postgres(connection, table, clauseWord) : informationSchema(connection, table, clauseWord);
		try (Statement change = connection.createStatement()) {
			for (String constraint : old) {
				change.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + constraint + "\"");
			}
			change.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " CHECK (" + clause + ")");
		}
	}

	private static List<String> postgres(Connection connection, String table, String clauseWord) throws SQLException {
		try (PreparedStatement find = connection.prepareStatement("""
				SELECT conname FROM pg_constraint
				 WHERE conrelid = to_regclass(?) AND contype = 'c' AND pg_get_constraintdef(oid) LIKE ?""")) {
			find.setString(1, table);
			find.setString(2, "%" + clauseWord + "%");
			return names(find);
		}
	}

	private static List<String> informationSchema(Connection connection, String table, String clauseWord)
			throws SQLException {
		try (PreparedStatement find = connection.prepareStatement("""
				SELECT tc.constraint_name
				  FROM information_schema.table_constraints tc
				  JOIN information_schema.check_constraints cc
				    ON cc.constraint_schema = tc.constraint_schema AND cc.constraint_name = tc.constraint_name
				 WHERE upper(tc.table_name) = upper(?) AND upper(tc.table_schema) = upper(?)
				   AND tc.constraint_type = 'CHECK' AND cc.check_clause LIKE ?""")) {
			find.setString(1, table);
			find.setString(2, connection.getSchema());
			find.setString(3, "%" + clauseWord + "%");
			return names(find);
		}
	}

	private static List<String> names(PreparedStatement find) throws SQLException {
		List<String> names = new ArrayList<>();
		try (ResultSet found = find.executeQuery()) {
			while (found.next()) {
				names.add(found.getString(1));
			}
		}
		return names;
	}

}
