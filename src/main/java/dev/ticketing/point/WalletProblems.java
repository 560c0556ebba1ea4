package dev.ticketing.point;

import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

final class WalletProblems {

	private WalletProblems() {
	}

	static ProblemException unknownUser(UserId user) {
		return ProblemException.notFound("USER_NOT_FOUND", "No user " + user);
	}

	static ProblemException limitExceeded(UserId user, long cap) {
		return ProblemException.conflict("BALANCE_LIMIT_EXCEEDED",
				"Charging would take the balance of user " + user + " above " + cap + " points");
	}

	static InvalidInput invalidCharge(long max) {
		return InvalidInput.of("INVALID_AMOUNT", "amount must be a whole number from 1 to " + max);
	}

}
