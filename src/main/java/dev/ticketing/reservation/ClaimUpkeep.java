package dev.ticketing.reservation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.ticketing.common.AfterCommit;
import dev.ticketing.common.AfterRelease;

import org.springframework.stereotype.Component;

/**
 * Keeps seat claims in line with the database once a transaction has committed and given
 * its connection back (never while it holds locks or a connection): a sold seat keeps its
 * claim, so later attempts on it are turned away without a database round trip; a
 * cancelled hold's claim goes at once; a seat handed to a waiting fan is claimed for
 * them. Redis drops run-out claims by itself.
 */
@Component
class ClaimUpkeep {

	/** Long enough that nobody asks for a sold seat after it; Redis then collects it. */
	private static final Duration SOLD = Duration.ofDays(7);

	private final SeatClaims claims;

	private final Clock clock;

	ClaimUpkeep(SeatClaims claims, Clock clock) {
		this.claims = claims;
		this.clock = clock;
	}

	@AfterCommit
	void on(ReservationPaid paid) {
		AfterRelease.run(() -> {
			Instant now = this.clock.instant();
			this.claims.extend(paid.seatId(), paid.reservationId(), now, now.plus(SOLD));
		});
	}

	@AfterCommit
	void on(ReservationCancelled cancelled) {
		AfterRelease.run(() -> this.claims.release(cancelled.seatId(), cancelled.reservationId()));
	}

	/**
	 * A seat handed to a waiting fan gets the fan's claim, so that attempts on it are
	 * turned away without a database round trip, as for any hold. The database refuses
	 * them without it too: the seat was never free.
	 */
	@AfterCommit
	void on(SeatOffered offered) {
		AfterRelease.run(() -> this.claims.claim(offered.seatId(), offered.reservationId(), this.clock.instant(),
				offered.expiresAt()));
	}

	/**
	 * A refunded seat is on sale again: its sold claim goes, so the next hold is not
	 * turned away by it.
	 */
	@AfterCommit
	void on(ReservationRefunded refunded) {
		AfterRelease.run(() -> this.claims.release(refunded.seatId(), refunded.reservationId()));
	}

}
