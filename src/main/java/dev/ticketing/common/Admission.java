package dev.ticketing.common;

import java.util.Objects;

/**
 * What an ACTIVE queue token grants: the bearer is {@code userId} and may book for
 * {@code concertId}. Booking endpoints take it as a method parameter; the queue module
 * resolves it from the {@code Authorization: Bearer} header and refuses the request (401
 * or 403) before the endpoint runs when the token is not ACTIVE.
 */
public record Admission(ConcertId concertId, UserId userId) {

	public Admission {
		Objects.requireNonNull(concertId, "concert id");
		Objects.requireNonNull(userId, "user id");
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
