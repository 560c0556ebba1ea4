package dev.ticketing.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.idempotency.IdempotencyRepository.Recorded;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a call sent with an {@code Idempotency-Key} at most once per user and key, and
 * answers every repeat with the first answer (status, {@code Content-Type}, body) for
 * {@code concert.idempotency.retention} (24 h).
 * <ul>
 * <li>The key belongs to a user: the same key from another user is another key.</li>
 * <li>A successful answer is recorded in the transaction of the call's effect, by the
 * call itself ({@link Attempt#record}), so the effect and its answer commit together: a
 * process that dies before the commit leaves neither, and a retry runs the call again; a
 * commit the client never heard of leaves both, and a retry gets the answer.</li>
 * <li>A repeat sent while the first attempt is still running waits for it, by
 * construction: its own effect queues on the same rows (the wallet, the reservation, the
 * seat) or on the key's primary key, and once the first has committed the repeat rolls
 * back whatever it did and answers with the first answer. The wait is as long as the
 * first transaction, milliseconds, never a poll.</li>
 * <li>Refusals are recorded only when the same request could never get another answer:
 * 400 (bad input), 404 (no such seat, reservation of yours or wallet) and 410 (a hold
 * that ran out). A refusal that depends on the moment (409: seat taken, balance too low,
 * a limit; 401/403: the caller or the queue) changed nothing and is not recorded, so a
 * retry is decided anew; nor is any 5xx.</li>
 * <li>The same key with another request (method, path or the body's fields) is refused
 * with 422 {@code IDEMPOTENCY_KEY_REUSED}, and nothing runs.</li>
 * </ul>
 */
@Service
public class IdempotentRequests {

	private final IdempotencyRepository answers;

	private final TransactionTemplate transactions;

	private final ObjectMapper json;

	private final Clock clock;

	private final IdempotencyProperties properties;

	IdempotentRequests(IdempotencyRepository answers, TransactionTemplate transactions, ObjectMapper json, Clock clock,
			IdempotencyProperties properties) {
		this.answers = answers;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
		this.properties = properties;
	}

	/**
	 * Runs {@code operation} once for the call, or answers as the call's first attempt
	 * did. The operation commits its effect itself and must hand its successful answer to
	 * {@link Attempt#record} inside that transaction.
	 * @throws ProblemException the operation's refusal when it is not one to record, or
	 * 422 {@code IDEMPOTENCY_KEY_REUSED}
	 */
	public ResponseEntity<byte[]> run(Call call, Operation operation) {
		for (int attempt = 1;; attempt++) {
			Attempt current = new Attempt(call, attempt == 1);
			try {
				Answer answer = operation.run(current);
				if (!current.recorded) {
					throw new IllegalStateException("The call did not record its answer in its transaction");
				}
				return answer.toResponse(false);
			}
			catch (DuplicateKeyException ex) {
				// Another attempt with this key committed first, and this one's effect
				// has
				// rolled back with the failed INSERT.
				Optional<Recorded> first = find(call);
				if (first.isPresent()) {
					return replay(call, first.get());
				}
				// Only a key whose answer has run out but is not yet purged, or an id
				// derived from such a key, is left: once more, with the key new.
				if (attempt > 1) {
					throw ex;
				}
				this.answers.deleteExpired(call.user().value(), call.key().value(), this.clock.instant());
			}
			catch (ProblemException refusal) {
				// A refusal may be this key's own doing (the seat a first attempt holds),
				// so an answer recorded meanwhile wins.
				Optional<Recorded> first = find(call);
				if (first.isPresent()) {
					return replay(call, first.get());
				}
				if (!isFinal(refusal.status())) {
					throw refusal;
				}
				Recorded recorded = call.recorded(Answer.of(refusal, call.instance(), this.json));
				Instant now = this.clock.instant();
				if (this.answers.insertIfAbsent(recorded, now, now.plus(this.properties.retention()))) {
					return recorded.answer().toResponse(false);
				}
				return replay(call, find(call).orElseThrow(() -> refusal));
			}
		}
	}

	/**
	 * {@link #run} for a call whose effect is one transaction of its own services: opens
	 * it, runs {@code operation} in it (the services join) and records the answer in it.
	 */
	public ResponseEntity<byte[]> runInTransaction(Call call, Supplier<Answer> operation) {
		return run(call, (attempt) -> this.transactions.execute((status) -> {
			Answer answer = operation.get();
			attempt.record(answer);
			return answer;
		}));
	}

	/**
	 * The call's first answer, if it has one, without running anything: for a repeat that
	 * can no longer run (its admission ended) but may still be answered.
	 * @throws ProblemException 422 {@code IDEMPOTENCY_KEY_REUSED} if the key answered
	 * another request
	 */
	public Optional<ResponseEntity<byte[]>> answered(Call call) {
		return find(call).map((first) -> replay(call, first));
	}

	/**
	 * Deletes the answers whose retention has passed.
	 * @return how many
	 */
	public int purgeExpired() {
		return this.answers.purge(this.clock.instant());
	}

	private Optional<Recorded> find(Call call) {
		return this.answers.find(call.user().value(), call.key().value(), this.clock.instant());
	}

	private ResponseEntity<byte[]> replay(Call call, Recorded first) {
		if (!first.fingerprint().equals(call.fingerprint())) {
			throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused", "This "
					+ IdempotencyKey.HEADER + " was sent with another request; use a new key for a new request");
		}
		return first.answer().toResponse(true);
	}

	/** Refusals the same request gets again whatever happens meanwhile. */
	private static boolean isFinal(int status) {
		return status == 400 || status == 404 || status == 410;
	}

	/**
	 * A call sent with a key: by {@code user} (the signed-in user, or the queue token's),
	 * to {@code method} and {@code path}, asking for {@code request} (the body's fields
	 * the call reads, in a fixed spelling, so that a retry's whitespace or field order
	 * does not make it another request).
	 */
	public record Call(UserId user, IdempotencyKey key, String method, String path, String request) {

		public Call {
			Objects.requireNonNull(user, "user");
			Objects.requireNonNull(key, "key");
			Objects.requireNonNull(method, "method");
			Objects.requireNonNull(path, "path");
			Objects.requireNonNull(request, "request");
		}

		String instance() {
			return this.path;
		}

		/** SHA-256 of method, path and request: what "the same request" means. */
		String fingerprint() {
			try {
				MessageDigest sha = MessageDigest.getInstance("SHA-256");
				byte[] digest = sha
					.digest((this.method + ' ' + this.path + '\n' + this.request).getBytes(StandardCharsets.UTF_8));
				return HexFormat.of().formatHex(digest);
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		Recorded recorded(Answer answer) {
			return new Recorded(this.user.value(), this.key.value(), fingerprint(), answer);
		}

	}

	/** The work of a call, run at most once for its key. */
	@FunctionalInterface
	public interface Operation {

		Answer run(Attempt attempt);

	}

	/**
	 * One run of a call's operation.
	 */
	public final class Attempt {

		private final Call call;

		private final boolean first;

		private boolean recorded;

		private Attempt(Call call, boolean first) {
			this.call = call;
			this.first = first;
		}

		/**
		 * False when the key's earlier answer had run out and this run uses it anew: an
		 * id derived from the key may then be taken by the earlier call.
		 */
		public boolean isFirst() {
			return this.first;
		}

		/**
		 * Records the call's successful answer; must run inside the transaction of the
		 * call's effect, as its last statement.
		 * @throws DuplicateKeyException if another attempt with the key has committed
		 * (the transaction must then roll back, which throwing it does)
		 */
		public void record(Answer answer) {
			if (!TransactionSynchronizationManager.isActualTransactionActive()) {
				throw new IllegalStateException("An answer is recorded in the transaction of its effect");
			}
			if (!answer.isSuccess()) {
				throw new IllegalArgumentException("Only a successful answer is recorded with its effect");
			}
			Instant now = IdempotentRequests.this.clock.instant();
			IdempotentRequests.this.answers.insert(this.call.recorded(answer), now,
					now.plus(IdempotentRequests.this.properties.retention()));
			this.recorded = true;
		}

	}

}
