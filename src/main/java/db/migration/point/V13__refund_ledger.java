package db.migration.point;

import db.migration.CheckConstraints;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Points given back for a refunded payment are a ledger row of their own kind, REFUND.
 */
public class V13__refund_ledger extends BaseJavaMigration {

	@Override
	public void migrate(Context context) throws Exception {
		CheckConstraints.replace(context.getConnection(), "point_ledger", "CHARGE", "point_ledger_kind_known",
				"kind IN ('CHARGE', 'USE', 'REFUND')");
	}

}
