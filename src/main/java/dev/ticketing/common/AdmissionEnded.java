package dev.ticketing.common;

/**
 * 401 {@code TOKEN_EXPIRED} for a genuine queue token whose admission is over (left, run
 * out, or ended by a payment): it books nothing, but it still proves whose it was. A
 * booking call may use that to repeat an answer it already gave the same user, such as a
 * payment retried after the payment itself ended the admission.
 */
public final class AdmissionEnded extends ProblemException {

	private final Admission admission;

	private AdmissionEnded(Admission admission) {
		super(401, "TOKEN_EXPIRED", "Queue token expired", "This token is no longer admitted; issue a new one");
		this.admission = admission;
	}

	public static AdmissionEnded of(Admission admission) {
		return new AdmissionEnded(admission);
	}

	/** The concert and user the token admitted until it ended. */
	public Admission admission() {
		return this.admission;
	}

}
