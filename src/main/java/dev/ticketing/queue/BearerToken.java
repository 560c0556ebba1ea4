package dev.ticketing.queue;

final class BearerToken {

	private BearerToken() {
	}

	/**
	 * The token of an {@code Authorization: Bearer <token>} header.
	 * @throws dev.ticketing.common.ProblemException 401 when there is none
	 */
	static String from(String authorization) {
		if (authorization == null || authorization.length() < 8
				|| !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			throw QueueToken.invalid();
		}
		return authorization.substring(7).trim();
	}

}
