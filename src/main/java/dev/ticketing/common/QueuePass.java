package dev.ticketing.common;

import java.util.Objects;

/**
 * A genuine queue token of a booking call, admitted or not: whose it is, for which
 * concert and of which entry into the line ({@link #bearer()}), and whether the queue
 * lets its bearer book now. A call that starts something new (a hold) needs the
 * admission; a call that only acts on the bearer's own live hold (paying for it,
 * cancelling it) needs no more than {@link #requireHolderOf the holder's token}, as a
 * live hold is a right to pay whatever has become of the admission. Booking endpoints
 * take it as a method parameter; the queue module resolves it from the
 * {@code Authorization: Bearer} header and refuses a missing or forged token (401) before
 * the endpoint runs.
 */
public final class QueuePass {

	private final Admission bearer;

	private final boolean inLine;

	private final ProblemException refusal;

	private QueuePass(Admission bearer, boolean inLine, ProblemException refusal) {
		this.bearer = Objects.requireNonNull(bearer, "bearer");
		this.inLine = inLine;
		this.refusal = refusal;
	}

	/** A token the queue admits now. */
	public static QueuePass admitted(Admission admission) {
		return new QueuePass(admission, true, null);
	}

	/**
	 * A token of the user's current entry into the line that still waits there, with the
	 * refusal a call that needs the admission gets (403 {@code QUEUE_WAITING}).
	 */
	public static QueuePass waiting(Admission bearer, ProblemException refusal) {
		return new QueuePass(bearer, true, Objects.requireNonNull(refusal, "refusal"));
	}

	/**
	 * A genuine token whose entry is not the user's current one in the line (left, run
	 * out, ended by a payment, or followed by a new entry), or whose entry the queue
	 * cannot say while its store is down, with the refusal a call that needs the
	 * admission gets: 401 {@code TOKEN_EXPIRED} or 503.
	 */
	public static QueuePass notAdmitted(Admission bearer, ProblemException refusal) {
		return new QueuePass(bearer, false, Objects.requireNonNull(refusal, "refusal"));
	}

	/**
	 * Whose token it is, for which concert and of which entry, whatever the admission's
	 * state.
	 */
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

	/**
	 * Requires this token to speak for the holder of a hold on {@code concert} made with
	 * a token of entry {@code heldWith}: a token of the concert that is the hold's own,
	 * or of the user's current entry into the line (admitted or waiting: a holder who
	 * queued again pays with the new token). A token of any other entry, which the queue
	 * has ended, opens nothing. Whose the hold is, the caller checks.
	 * @throws ProblemException 403 {@code TOKEN_CONCERT_MISMATCH} for another concert's
	 * token; for a token of an ended entry other than the hold's, its refusal: 401
	 * {@code TOKEN_EXPIRED}, or 503 while the queue cannot say whether it ended
	 */
	public void requireHolderOf(ConcertId concert, long heldWith) {
		this.bearer.requireConcert(concert);
		boolean holdsOwn = heldWith == Admission.ANY_ENTRY || heldWith == this.bearer.entry();
		if (!holdsOwn && !this.inLine) {
			throw this.refusal;
		}
	}

	/**
	 * Whether the token is of the user's current entry into the line, admitted or
	 * waiting, so that it speaks for every live hold of the user on its concert without
	 * reading which entry made it.
	 */
	public boolean isInLine() {
		return this.inLine;
	}

	@Override
	public String toString() {
		return "QueuePass[" + this.bearer + (isAdmitted() ? ", admitted]" : ", " + this.refusal.code() + "]");
	}

}
