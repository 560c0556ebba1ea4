package dev.ticketing.point;

import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

/**
 * The wallet holds less than the amount to pay; nothing was taken.
 */
public final class InsufficientBalance extends ProblemException {

	private InsufficientBalance(String detail) {
		super(409, "INSUFFICIENT_BALANCE", "Insufficient balance", detail);
	}

	public static InsufficientBalance forPaying(UserId user, Points amount) {
		return new InsufficientBalance("The balance of user " + user + " is below " + amount.value() + " points");
	}

}
