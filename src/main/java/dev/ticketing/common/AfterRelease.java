package dev.ticketing.common;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that follows a committed transaction and talks to another store (Redis): it runs
 * once the transaction has given its database connection back to the pool, not in the
 * after-commit phase, where the connection is still checked out. A slow Redis then slows
 * only the requests that wait for it, instead of draining the pool for every hold and
 * payment.
 * <p>
 * Every {@link AfterCommit} listener is run this way
 * ({@link ReleasedConnectionListeners}); other after-commit work calls
 * {@link #run(Runnable)} itself. The work is done on the same thread, before the caller's
 * call returns, so a client that is answered has seen it done. Outside a completing
 * transaction it runs at once.
 */
public final class AfterRelease {

	private static final Logger log = LoggerFactory.getLogger(AfterRelease.class);

	private static final ThreadLocal<List<Runnable>> deferred = new ThreadLocal<>();

	private AfterRelease() {
	}

	/**
	 * Runs {@code work} once this thread's transaction has released its connection (at
	 * once when no transaction is completing). A failure is logged, never thrown: the
	 * transaction has committed, and the work is upkeep that corrects itself.
	 */
	public static void run(Runnable work) {
		// After-commit listeners run in the after-completion phase, where synchronization
		// has ended but the transaction (and its connection) is still bound.
		if (!TransactionSynchronizationManager.isActualTransactionActive()) {
			runLogged(work);
			return;
		}
		List<Runnable> pending = deferred.get();
		if (pending == null) {
			pending = new ArrayList<>();
			deferred.set(pending);
		}
		pending.add(work);
	}

	/** Runs what was deferred on this thread; called once the connection is released. */
	static void released() {
		List<Runnable> pending = deferred.get();
		if (pending == null) {
			return;
		}
		deferred.remove();
		for (Runnable work : pending) {
			runLogged(work);
		}
	}

	private static void runLogged(Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			log.warn("Work after a committed transaction failed: {}", ex.getMessage());
		}
	}

}
