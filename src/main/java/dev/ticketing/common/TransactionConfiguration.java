package dev.ticketing.common;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.jdbc.support.JdbcTransactionManager;

@Configuration(proxyBeanMethods = false)
class TransactionConfiguration {

	/**
	 * Replaces Spring Boot's transaction manager (which backs off when one is defined)
	 * with the same one plus {@link AfterRelease}; Boot's customizers (such as
	 * {@code spring.transaction.default-timeout}) still apply.
	 */
	@Bean
	JdbcTransactionManager transactionManager(DataSource dataSource,
			ObjectProvider<TransactionManagerCustomizers> customizers) {
		JdbcTransactionManager manager = new ReleasingTransactionManager(dataSource);
		customizers.ifAvailable((c) -> c.customize(manager));
		return manager;
	}

	/**
	 * {@link AfterCommit} listeners run once the transaction's connection is back in the
	 * pool, so no listener holds a connection while it waits.
	 */
	@Bean
	static EventListenerFactory releasedConnectionListeners() {
		return new ReleasedConnectionListeners();
	}

}
