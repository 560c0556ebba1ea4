package db.migration.payment;

import java.sql.Statement;

import db.migration.CheckConstraints;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A payment can be refunded: COMPLETED → REFUNDED once (a conditional UPDATE), saying
 * when and by whom.
 */
public class V12__refunded_payments extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		CheckConstraints.replace(context.getConnection(), "payment", "COMPLETED", "payment_status_known",
				"status IN ('COMPLETED', 'REFUNDED')");
		try (Statement add = context.getConnection().createStatement()) {
			add.execute("ALTER TABLE payment ADD COLUMN refunded_at TIMESTAMP WITH TIME ZONE");
			add.execute("ALTER TABLE payment ADD COLUMN refunded_by UUID");
		}
	}

}
