package dev.ticketing.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Runs many contenders at once, each on a thread of its own: every thread is started and
 * parked at a gate before any is let through, so they really do collide.
 */
public final class Race {

	/**
	 * Only a guard against a contender that hangs, not a bound on how fast they finish:
	 * on a machine shared with other builds 300 contenders took over a minute.
	 */
	private static final long TIMEOUT_SECONDS = 600;

	private Race() {
	}

	/**
	 * Runs {@code attempt(0)} … {@code attempt(contenders - 1)} at the same moment.
	 * @return each contender's outcome, in contender order; a contender that threw a
	 * runtime exception lost, and its exception is kept
	 */
	public static <T> List<Outcome<T>> run(int contenders, IntFunction<T> attempt) {
		CountDownLatch ready = new CountDownLatch(contenders);
		CountDownLatch gate = new CountDownLatch(1);
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<Outcome<T>>> running = IntStream.range(0, contenders).mapToObj((i) -> threads.submit(() -> {
				ready.countDown();
				gate.await();
				try {
					return Outcome.<T>won(attempt.apply(i));
				}
				catch (RuntimeException ex) {
					return Outcome.<T>lost(ex);
				}
			})).toList();
			if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Contenders did not all start");
			}
			gate.countDown();
			List<Outcome<T>> outcomes = new ArrayList<>(contenders);
			for (Future<Outcome<T>> contender : running) {
				outcomes.add(contender.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("A contender failed to finish", ex);
		}
	}

	/**
	 * What one contender got: a value, or the exception that turned it away.
	 */
	public record Outcome<T>(T value, RuntimeException failure) {

		static <T> Outcome<T> won(T value) {
			return new Outcome<>(value, null);
		}

		static <T> Outcome<T> lost(RuntimeException failure) {
			return new Outcome<>(null, failure);
		}

		public boolean succeeded() {
			return this.failure == null;
		}

		public static <T> List<T> values(List<Outcome<T>> outcomes) {
			return outcomes.stream().filter(Outcome::succeeded).map(Outcome::value).toList();
		}

		public static <T> List<RuntimeException> failures(List<Outcome<T>> outcomes) {
			return outcomes.stream().filter((o) -> !o.succeeded()).map(Outcome::failure).toList();
		}

	}

}
