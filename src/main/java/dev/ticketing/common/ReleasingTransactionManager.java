package dev.ticketing.common;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Spring Boot's JDBC transaction manager, which also runs the {@link AfterRelease} work
 * of a finished transaction once its connection is back in the pool.
 */
class ReleasingTransactionManager extends JdbcTransactionManager {

	ReleasingTransactionManager(DataSource dataSource) {
		super(dataSource);
	}

	@Override
	protected void doCleanupAfterCompletion(Object transaction) {
		try {
			super.doCleanupAfterCompletion(transaction);
		}
		finally {
			AfterRelease.released();
		}
	}

}
