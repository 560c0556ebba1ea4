package db.migration.reservation;

import java.sql.Statement;

import db.migration.CheckConstraints;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A paid reservation can be refunded: CONFIRMED → REFUNDED, saying when. Its seat is on
 * sale again.
 */
public class V11__refunded_reservations extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		CheckConstraints.replace(context.getConnection(), "reservation", "CONFIRMED", "reservation_status_known",
				"status IN ('HELD', 'CONFIRMED', 'EXPIRED', 'REFUNDED')");
		try (Statement add = context.getConnection().createStatement()) {
			add.execute("ALTER TABLE reservation ADD COLUMN refunded_at TIMESTAMP WITH TIME ZONE");
		}
	}

}
