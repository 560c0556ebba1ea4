package dev.ticketing.common;

import java.lang.reflect.Method;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;
import org.springframework.transaction.event.TransactionalEventListenerFactory;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Makes every {@code @TransactionalEventListener} that runs once its transaction has
 * ended (after commit, after rollback, after completion) run once the transaction's
 * connection is back in the pool ({@link AfterRelease}), on the same thread, before the
 * caller's call returns. Spring runs those phases while the connection is still checked
 * out; a listener that then waits for anything that needs a connection of its own (a
 * cache eviction waiting for a cache load that queries the database) holds one connection
 * while it waits for another, and when every connection is held so, the pool stalls until
 * the load's connection timeout. Listeners run before the commit, or with no transaction
 * at all ({@code fallbackExecution}), run as Spring runs them.
 */
final class ReleasedConnectionListeners extends TransactionalEventListenerFactory {

	ReleasedConnectionListeners() {
		// Ahead of Spring's own factory (order 50), which would otherwise take these
		// methods.
		setOrder(Ordered.HIGHEST_PRECEDENCE);
	}

	@Override
	public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
		return new Listener(beanName, type, method);
	}

	private static final class Listener extends TransactionalApplicationListenerMethodAdapter {

		Listener(String beanName, Class<?> targetClass, Method method) {
			super(beanName, targetClass, method);
		}

		@Override
		public void processEvent(ApplicationEvent event) {
			if (getTransactionPhase() == TransactionPhase.BEFORE_COMMIT
					|| !TransactionSynchronizationManager.isActualTransactionActive()) {
				super.processEvent(event);
				return;
			}
			AfterRelease.run(() -> super.processEvent(event));
		}

	}

}
