package dev.ticketing.common;

import java.util.Objects;

/**
 * What an ACTIVE queue token grants: the bearer is {@code userId} and may book for
 * {@code concertId}. Booking endpoints take it as a method parameter; the queue module
 * resolves it from the {@code Authorization: Bearer} header and refuses the request (401
 * or 403) before the endpoint runs when the token is not ACTIVE.
 *
 * @param entry the bearer's entry into the concert's line that the token is of (a hold
 * remembers it, so that a token of another, ended entry speaks for none of its holds), or
 * {@link #ANY_ENTRY}
 */
public record Admission(ConcertId concertId, UserId userId, long entry) {

	/**
	 * No entry of the line in particular: a hold made under it (by a caller the service
	 * trusts, or before holds remembered their entry) is the user's to act on with any of
	 * their tokens of the concert. The queue numbers no entry 0.
	 */
	public static final long ANY_ENTRY = 0;

	public Admission {
		Objects.requireNonNull(concertId, "concert id");
		Objects.requireNonNull(userId, "user id");
	}

	/** An admission of no entry in particular ({@link #ANY_ENTRY}). */
	public Admission(ConcertId concertId, UserId userId) {
		this(concertId, userId, ANY_ENTRY);
	}

	/**
	 * Refuses a request that names another concert than the one the token admits to.
	 */
	public void requireConcert(ConcertId requested) {
		if (!this.concertId.equals(requested)) {
			throw new ProblemException(403, "TOKEN_CONCERT_MISMATCH", "Token not valid for this concert",
					"The queue token admits to concert " + this.concertId + ", not " + requested);
		}
	}

}
