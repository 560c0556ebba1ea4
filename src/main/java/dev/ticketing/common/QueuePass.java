package dev.ticketing.common;

import java.util.Objects;

/**
 * A genuine queue token of a booking call, admitted or not: whose it is and for which
 * concert ({@link #bearer()}), and whether the queue lets its bearer book now. A call
 * that starts something new (a hold) needs the admission; a call that only acts on the
 * bearer's own live hold (paying for it, cancelling it) needs no more than the bearer, as
 * a live hold is a right to pay whatever has become of the admission. Booking endpoints
 * take it as a method parameter; the queue module resolves it from the
 * {@code Authorization: Bearer} header and refuses a missing or forged token (401) before
 * the endpoint runs.
 */
public final class QueuePass {

	private final Admission bearer;

	private final ProblemException refusal;

	private QueuePass(Admission bearer, ProblemException refusal) {
		this.bearer = Objects.requireNonNull(bearer, "bearer");
		this.refusal = refusal;
	}

	/** A token the queue admits now. */
	public static QueuePass admitted(Admission admission) {
		return new QueuePass(admission, null);
	}

	/**
	 * A genuine token the queue does not admit now, with the refusal a call that needs
	 * the admission gets: 401 {@code TOKEN_EXPIRED}, 403 {@code QUEUE_WAITING}, or 503
	 * while the queue's store cannot say.
	 */
	public static QueuePass notAdmitted(Admission bearer, ProblemException refusal) {
		return new QueuePass(bearer, Objects.requireNonNull(refusal, "refusal"));
	}

	/** Whose token it is, and for which concert, whatever the admission's state. */
	public Admission bearer() {
		return this.bearer;
	}

	public boolean isAdmitted() {
		return this.refusal == null;
	}

	/**
	 * The admission, for a call that needs one.
	 * @throws ProblemException the refusal of a token that is not admitted now
	 */
	public Admission admission() {
		if (this.refusal != null) {
			throw this.refusal;
		}
		return this.bearer;
	}

	@Override
	public String toString() {
		return "QueuePass[" + this.bearer + (isAdmitted() ? ", admitted]" : ", " + this.refusal.code() + "]");
	}

}
