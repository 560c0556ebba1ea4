package dev.ticketing.presale;

import java.time.Instant;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.ProblemException;

/** Refusals of the presale's calls, each with a stable code; none changes anything. */
final class PresaleProblems {

	private PresaleProblems() {
	}

	static ProblemException presaleOnly(ConcertId concert, Instant generalSaleAt) {
		return new ProblemException(403, "PRESALE_ONLY", "Forbidden", "Until " + generalSaleAt + " the line of concert "
				+ concert + " takes only invited fans: redeem an access code or win the presale lottery");
	}

	static ProblemException noPresale(ConcertId concert) {
		return ProblemException.notFound("PRESALE_NOT_FOUND", "Concert " + concert + " has no presale");
	}

	static ProblemException noLottery(ConcertId concert) {
		return ProblemException.conflict("NO_LOTTERY", "The presale of concert " + concert + " has no lottery");
	}

	static ProblemException registrationClosed(Instant opensAt, Instant closesAt) {
		return ProblemException.conflict("REGISTRATION_CLOSED",
				"Registration for the lottery is open from " + opensAt + " until " + closesAt);
	}

	static ProblemException lotteryOpen(Instant closesAt) {
		return ProblemException.conflict("LOTTERY_OPEN", "The draw runs once registration closes, at " + closesAt);
	}

	static ProblemException alreadyDrawn() {
		return ProblemException.conflict("ALREADY_DRAWN", "The lottery was drawn; it can no longer change");
	}

	static ProblemException unknownCode() {
		return ProblemException.notFound("CODE_UNKNOWN", "No such access code for this concert");
	}

	static ProblemException codeTaken() {
		return ProblemException.conflict("CODE_TAKEN", "This access code was redeemed by another fan");
	}

	static InvalidInput invalid(String detail) {
		return InvalidInput.of("INVALID_PRESALE", detail);
	}

	static InvalidInput invalidCount(int most) {
		return InvalidInput.of("INVALID_CODE_COUNT", "count must be between 1 and " + most);
	}

}
