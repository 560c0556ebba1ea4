package dev.ticketing.presale;

import java.time.Instant;
import java.util.Objects;

import dev.ticketing.common.ConcertId;

/**
 * A concert's presale: until {@code generalSaleAt} its line takes only invited fans.
 *
 * @param lottery the registration lottery, or null for a presale by access codes only
 */
record Presale(ConcertId concert, Instant generalSaleAt, Lottery lottery) {

	Presale {
		Objects.requireNonNull(concert, "concert");
		Objects.requireNonNull(generalSaleAt, "generalSaleAt");
	}

	/** Whether only invited fans may join the line at {@code now}. */
	boolean inviteOnlyAt(Instant now) {
		return now.isBefore(this.generalSaleAt);
	}

	/**
	 * A registration lottery: fans register from {@code opensAt} until {@code closesAt};
	 * then a draw picks {@code winners} of them with {@code seed}, whose SHA-256
	 * ({@code seedCommitment}) is public from the start.
	 *
	 * @param drawnAt when the draw ran, or null before
	 */
	record Lottery(Instant opensAt, Instant closesAt, int winners, String seed, String seedCommitment,
			Instant drawnAt) {

		Lottery {
			Objects.requireNonNull(opensAt, "opensAt");
			Objects.requireNonNull(closesAt, "closesAt");
			Objects.requireNonNull(seed, "seed");
			Objects.requireNonNull(seedCommitment, "seedCommitment");
		}

		boolean takesRegistrationsAt(Instant now) {
			return !now.isBefore(this.opensAt) && now.isBefore(this.closesAt) && this.drawnAt == null;
		}

		boolean drawn() {
			return this.drawnAt != null;
		}

		/**
		 * The seed once the draw has run; kept secret before, so nobody can foresee it.
		 */
		String publishedSeed() {
			return drawn() ? this.seed : null;
		}

	}

}
