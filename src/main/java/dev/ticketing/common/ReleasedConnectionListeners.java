package dev.ticketing.common;

import java.lang.reflect.Method;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.EventListenerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Turns every {@link AfterCommit} method into a listener that runs once its transaction
 * has committed and its connection is back in the pool ({@link AfterRelease}), on the
 * same thread, before the caller's call returns. Spring runs after-commit work while the
 * connection is still checked out; a listener that then waits for anything that needs a
 * connection of its own (a cache eviction waiting for a cache load that queries the
 * database) holds one connection while it waits for another, and when every connection is
 * held so, the pool stalls until the load's connection timeout.
 * <p>
 * The listeners are plain application listeners that register a transaction
 * synchronization, not transactional application listeners, so Spring Modulith's event
 * publication registry neither records nor completes their invocations.
 */
final class ReleasedConnectionListeners implements EventListenerFactory, Ordered {

	@Override
	public int getOrder() {
		// Ahead of Spring's factory for plain @EventListener methods, which would
		// otherwise take these methods and run them at once.
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public boolean supportsMethod(Method method) {
		return AnnotatedElementUtils.hasAnnotation(method, AfterCommit.class);
	}

	@Override
	public ApplicationListener<?> createApplicationListener(String beanName, Class<?> type, Method method) {
		AfterCommit annotation = AnnotatedElementUtils.findMergedAnnotation(method, AfterCommit.class);
		return new Listener(beanName, type, method, annotation != null && annotation.fallbackExecution());
	}

	private static final class Listener extends ApplicationListenerMethodAdapter {

		private final boolean fallbackExecution;

		Listener(String beanName, Class<?> targetClass, Method method, boolean fallbackExecution) {
			super(beanName, targetClass, method);
			this.fallbackExecution = fallbackExecution;
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (TransactionSynchronizationManager.isSynchronizationActive()
					&& TransactionSynchronizationManager.isActualTransactionActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCompletion(int status) {
						// Here the transaction and its connection are still bound;
						// AfterRelease runs the work once they are not.
						if (status == STATUS_COMMITTED) {
							AfterRelease.run(() -> processEvent(event));
						}
					}
				});
			}
			else if (this.fallbackExecution) {
				processEvent(event);
			}
		}

	}

}
