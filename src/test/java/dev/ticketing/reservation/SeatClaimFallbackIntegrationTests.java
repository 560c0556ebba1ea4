package dev.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatUnavailable;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a claim store that never answers, holds go to PostgreSQL alone: still exactly one
 * winner per seat, and every such hold is counted.
 */
@IntegrationTest
class SeatClaimFallbackIntegrationTests {

	@Autowired
	ReservationService reservations;

	@Autowired
	ConcertService concerts;

	@Autowired
	MeterRegistry meters;

	@Test
	void withoutClaimsFiveHundredHoldsOnOneSeatStillMakeExactlyOneWinner() {
		ConcertId concert = this.concerts.addConcert("Fallback", "Hall",
				List.of(Instant.now().plus(Duration.ofDays(2))), 1, Points.of(100));
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		SeatId seat = this.concerts.availableSeats(concert, date).getFirst().id();
		double before = this.meters.counter("concert.seat.claims.fallback").count();

		List<Outcome<Reservation>> outcomes = Race.run(500, (i) -> this.reservations
			.hold(new HoldSeat(concert, date, seat), new Admission(concert, new UserId(UUID.randomUUID()))));

		assertThat(Outcome.values(outcomes)).hasSize(1);
		assertThat(Outcome.failures(outcomes)).hasSize(499)
			.allSatisfy((f) -> assertThat(f).isInstanceOf(SeatUnavailable.class));
		assertThat(this.meters.counter("concert.seat.claims.fallback").count() - before).isEqualTo(500);
	}

	@TestConfiguration
	static class UnavailableClaims {

		@Bean
		@Primary
		SeatClaims unavailableClaims() {
			return new SeatClaims() {
				@Override
				public Claim claim(SeatId seat, ReservationId reservation, Instant now, Instant until) {
					return Claim.UNKNOWN;
				}

				@Override
				public void extend(SeatId seat, ReservationId reservation, Instant now, Instant until) {
				}

				@Override
				public void release(SeatId seat, ReservationId reservation) {
				}
			};
		}

	}

}
