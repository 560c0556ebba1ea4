package dev.ticketing.common;

/**
 * A condition of joining a concert's line, checked before a queue token is issued: a
 * solved proof-of-work, an invitation to a presale. The queue asks every check, in their
 * {@link org.springframework.core.annotation.Order order}, and issues nothing if one
 * refuses; it knows none of them.
 */
public interface LineEntryCheck {

	/**
	 * The order of an invitation check: before any check that spends what the fan sent,
	 * so that a fan who may not join yet keeps it.
	 */
	int INVITATION = 100;

	/** The order of a proof-of-work check, which spends the proof. */
	int CHALLENGE = 200;

	/**
	 * Lets {@code fan} join {@code concert}'s line, or refuses. A check may remember what
	 * it let through (a proof used once); one that refuses changes nothing.
	 * @param proof what the fan sent with the request to join (the solution of a
	 * challenge), or null
	 * @throws ProblemException 403 with the check's own code when the fan may not join,
	 * 503 when the check cannot be made now
	 */
	void check(ConcertId concert, UserId fan, String proof);

}
