package dev.ticketing.common;

import java.util.Set;

/**
 * Who is calling: the signed-in user and their roles, or, in the {@code open} security
 * mode, anyone, believed to be whoever the path names. Controllers take it as a parameter
 * and ask it before acting for a user.
 */
public final class Caller {

	/** Runs sales: may act on any user's wallet and on the organiser operations. */
	public static final String ORGANISER = "ORGANISER";

	/** Gate staff: check tickets in at the door. */
	public static final String GATE = "GATE";

	private static final Caller TRUSTED = new Caller(null, Set.of(), null);

	private final UserId user;

	private final Set<String> roles;

	private final UserEnrolment enrolment;

	private Caller(UserId user, Set<String> roles, UserEnrolment enrolment) {
		this.user = user;
		this.roles = Set.copyOf(roles);
		this.enrolment = enrolment;
	}

	/**
	 * A signed-in user, enrolled through {@code enrolment} the first time they act for
	 * themselves.
	 */
	public static Caller signedIn(UserId user, Set<String> roles, UserEnrolment enrolment) {
		if (user == null || enrolment == null) {
			throw new IllegalArgumentException("A signed-in caller has a user id and a way to enrol");
		}
		return new Caller(user, roles, enrolment);
	}

	/**
	 * The seed system's trust model: any caller may act for any user ({@code open} mode).
	 */
	public static Caller trusted() {
		return TRUSTED;
	}

	/**
	 * Lets the caller act for {@code user} only if that is the caller; a signed-in user
	 * acting for the first time is enrolled here (an empty wallet), and only here, so a
	 * request refused before its action changes nothing.
	 * @throws ProblemException 403 {@code USER_MISMATCH} unless the caller is
	 * {@code user}
	 */
	public UserId requireSelf(UserId user) {
		if (this == TRUSTED) {
			return user;
		}
		if (!this.user.equals(user)) {
			throw mismatch();
		}
		this.enrolment.enrol(user);
		return user;
	}

	/**
	 * As {@link #requireSelf}, and an organiser may act for anyone (without enrolling
	 * them: an organiser asking for a user nobody knows finds none).
	 * @throws ProblemException 403 {@code USER_MISMATCH} unless the caller is
	 * {@code user} or an organiser
	 */
	public UserId requireSelfOrOrganiser(UserId user) {
		if (this != TRUSTED && this.roles.contains(ORGANISER) && !this.user.equals(user)) {
			return user;
		}
		return requireSelf(user);
	}

	/**
	 * The user this caller is: the signed-in user, or in the {@code open} mode
	 * {@code named}, the user the caller is believed to be. Whose name a call's
	 * idempotency key is kept under, for one.
	 */
	public UserId self(UserId named) {
		return (this == TRUSTED) ? named : this.user;
	}

	private static ProblemException mismatch() {
		return new ProblemException(403, "USER_MISMATCH", "Forbidden",
				"The access token is not that user's; a user may act only for themselves");
	}

	@Override
	public String toString() {
		return (this == TRUSTED) ? "Caller[trusted]" : "Caller[" + this.user + ", " + this.roles + "]";
	}

}
