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

	private static final Caller TRUSTED = new Caller(null, Set.of());

	private final UserId user;

	private final Set<String> roles;

	private Caller(UserId user, Set<String> roles) {
		this.user = user;
		this.roles = Set.copyOf(roles);
	}

	/** A signed-in user. */
	public static Caller signedIn(UserId user, Set<String> roles) {
		if (user == null) {
			throw new IllegalArgumentException("A signed-in caller has a user id");
		}
		return new Caller(user, roles);
	}

	/**
	 * The seed system's trust model: any caller may act for any user ({@code open} mode).
	 */
	public static Caller trusted() {
		return TRUSTED;
	}

	/**
	 * @throws ProblemException 403 {@code USER_MISMATCH} unless the caller is
	 * {@code user}
	 */
	public UserId requireSelf(UserId user) {
		if (this != TRUSTED && !this.user.equals(user)) {
			throw mismatch();
		}
		return user;
	}

	/**
	 * @throws ProblemException 403 {@code USER_MISMATCH} unless the caller is
	 * {@code user} or an organiser
	 */
	public UserId requireSelfOrOrganiser(UserId user) {
		if (!this.roles.contains(ORGANISER)) {
			requireSelf(user);
		}
		return user;
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
