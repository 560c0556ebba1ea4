package dev.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.ticketing.concert.SeatId;
import dev.ticketing.support.Race;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link SeatClaims} adapter must do; each adapter's test class extends this.
 */
abstract class SeatClaimsContract {

	final Instant now = Instant.parse("2026-05-01T10:00:00Z");

	final SeatId seat = new SeatId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));

	abstract SeatClaims claims();

	@Test
	void theFirstClaimWinsAndOthersFindTheSeatTaken() {
		SeatClaims claims = claims();
		ReservationId first = ReservationId.random();
		assertThat(claims.claim(this.seat, first, this.now, this.now.plusSeconds(10))).isEqualTo(SeatClaims.Claim.WON);
		assertThat(claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.TAKEN);
		assertThat(claims.claim(this.seat, first, this.now, this.now.plusSeconds(10)))
			.as("claiming again is idempotent")
			.isEqualTo(SeatClaims.Claim.WON);
	}

	@Test
	void aClaimRunsOutAtItsEndByTheCallersClock() {
		SeatClaims claims = claims();
		claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10));
		Instant end = this.now.plusSeconds(10);
		assertThat(claims.claim(this.seat, ReservationId.random(), end.minusMillis(1), end.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.TAKEN);
		assertThat(claims.claim(this.seat, ReservationId.random(), end, end.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.WON);
	}

	@Test
	void onlyTheOwnerExtendsAClaim() {
		SeatClaims claims = claims();
		ReservationId owner = ReservationId.random();
		claims.claim(this.seat, owner, this.now, this.now.plusSeconds(10));
		claims.extend(this.seat, ReservationId.random(), this.now, this.now.plus(Duration.ofHours(1)));
		Instant later = this.now.plusSeconds(20);
		assertThat(claims.claim(this.seat, ReservationId.random(), later, later.plusSeconds(10)))
			.as("a stranger's extension changed nothing")
			.isEqualTo(SeatClaims.Claim.WON);

		SeatId other = new SeatId(this.seat.value() == 1 ? 2 : this.seat.value() - 1);
		claims.claim(other, owner, this.now, this.now.plusSeconds(10));
		claims.extend(other, owner, this.now, this.now.plus(Duration.ofMinutes(5)));
		assertThat(claims.claim(other, ReservationId.random(), later, later.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.TAKEN);
	}

	@Test
	void onlyTheOwnerReleasesAClaim() {
		SeatClaims claims = claims();
		ReservationId owner = ReservationId.random();
		claims.claim(this.seat, owner, this.now, this.now.plusSeconds(10));
		claims.release(this.seat, ReservationId.random());
		assertThat(claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.TAKEN);
		claims.release(this.seat, owner);
		assertThat(claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.WON);
	}

	@Test
	void fiveHundredConcurrentClaimsOnOneSeatHaveExactlyOneWinner() {
		SeatClaims claims = claims();
		List<SeatClaims.Claim> outcomes = Race
			.run(500, (i) -> claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10)))
			.stream()
			.map(Race.Outcome::value)
			.toList();
		assertThat(outcomes).filteredOn((c) -> c == SeatClaims.Claim.WON).hasSize(1);
		assertThat(outcomes).filteredOn((c) -> c == SeatClaims.Claim.TAKEN).hasSize(499);
	}

}
