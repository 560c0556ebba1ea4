package dev.ticketing.challenge;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;

/**
 * Refusals of a join whose proof-of-work is missing or does not count: all 403, all
 * before anything changes (no place in the line, the solution not spent).
 */
final class ChallengeProblems {

	private ChallengeProblems() {
	}

	static ProblemException required(ConcertId concert) {
		return refused("CHALLENGE_REQUIRED", "Joining the line of concert " + concert
				+ " needs a solved challenge: GET .../users/{userId}/challenge, solve it, and send the solution "
				+ "in the Altcha header");
	}

	static ProblemException failed(String why) {
		return refused("CHALLENGE_FAILED", "The challenge's solution does not count: " + why);
	}

	static ProblemException reused() {
		return refused("CHALLENGE_REUSED", "This solution was used already; solve a new challenge");
	}

	static ProblemException expired() {
		return refused("CHALLENGE_EXPIRED", "The challenge expired; solve a new one");
	}

	private static ProblemException refused(String code, String detail) {
		return new ProblemException(403, code, "Forbidden", detail);
	}

}
