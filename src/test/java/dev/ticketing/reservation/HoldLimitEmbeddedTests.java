package dev.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.Seat;
import dev.ticketing.concert.SeatId;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hold limit on the embedded mode's H2 (PostgreSQL mode, same migration and
 * statements): one user's simultaneous holds queue on the same row lock there too.
 */
@SpringBootTest(properties = { "concert.demo-data=false", "spring.datasource.url=jdbc:h2:mem:hold-limit-test;"
		+ "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000" })
class HoldLimitEmbeddedTests {

	@Autowired
	ReservationService reservations;

	@Autowired
	ConcertService concerts;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void oneUserHoldingThirtySeatsAtOnceOnH2EndsWithExactlyTheLimit() {
		ConcertId concert = this.concerts.addConcert("Limit", "Hall", List.of(Instant.now().plus(Duration.ofDays(7))),
				30, Points.of(1_000));
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		List<SeatId> seats = this.concerts.availableSeats(concert, date).stream().map(Seat::id).toList();
		Admission user = new Admission(concert, new UserId(UUID.randomUUID()));

		List<Outcome<Reservation>> outcomes = Race.run(seats.size(),
				(i) -> this.reservations.hold(new HoldSeat(concert, date, seats.get(i)), user));

		assertThat(Outcome.values(outcomes)).hasSize(4);
		assertThat(Outcome.failures(outcomes)).hasSize(26)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
					(problem) -> assertThat(problem.code()).isEqualTo("HOLD_LIMIT")));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservation WHERE user_id = ?", Long.class,
				user.userId().value()))
			.isEqualTo(4);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM seat WHERE concert_date_id = ? AND status <> 'AVAILABLE'", Long.class,
				date.value()))
			.isEqualTo(4);
	}

}
