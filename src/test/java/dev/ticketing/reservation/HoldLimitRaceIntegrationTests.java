package dev.ticketing.reservation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
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
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One user holds many different seats of one concert at the same moment against the real
 * PostgreSQL: every seat is free and every Redis claim is won, so only the lock on the
 * user's row for the concert stands between the user and more than
 * {@code concert.reservation.max-holds-per-user} holds.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.reservation.max-holds-per-user=4", "concert.queue.max-active=1000",
		"concert.reservation.sweep-interval=1h" })
@Import(MutableClockConfiguration.class)
class HoldLimitRaceIntegrationTests {

	static final int MAX = 4;

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ReservationService reservations;

	@Autowired
	ConcertService concerts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	@Value("${concert.queue.key-prefix}")
	String prefix;

	@Test
	void oneUserHoldingFiftySeatsAtOnceEndsWithExactlyTheLimitAndTheRefusalsLeaveNothingBehind() {
		OnSale sale = concertOfSeats(50);
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		List<SeatId> seats = sale.seatIds();
		Admission user = new Admission(concert, new UserId(UUID.randomUUID()));

		List<Outcome<Reservation>> outcomes = Race.run(seats.size(),
				(i) -> this.reservations.hold(new HoldSeat(concert, date, seats.get(i)), user));

		List<Reservation> won = Outcome.values(outcomes);
		assertThat(won).hasSize(MAX);
		assertThat(Outcome.failures(outcomes)).hasSize(seats.size() - MAX)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
					(problem) -> assertThat(problem.code()).isEqualTo("HOLD_LIMIT")));
		assertThat(this.jdbc.queryForList("SELECT id FROM reservation WHERE user_id = ?", UUID.class,
				user.userId().value()))
			.as("only the holds that won have a reservation")
			.containsExactlyInAnyOrderElementsOf(won.stream().map((r) -> r.id().value()).toList());
		List<Long> held = won.stream().map((r) -> r.seatId().value()).toList();
		assertThat(this.jdbc.queryForList("SELECT id FROM seat WHERE concert_date_id = ? AND status <> 'AVAILABLE'",
				Long.class, date.value()))
			.as("only their seats are taken")
			.containsExactlyInAnyOrderElementsOf(held);
		assertThat(seats).filteredOn((s) -> !held.contains(s.value()))
			.as("no refused hold keeps a seat claim")
			.allSatisfy((s) -> assertThat(this.redis.hasKey(this.prefix + "seat-claim:" + s.value())).isFalse());
		assertThat(this.concerts.availableSeats(concert, date)).hasSize(seats.size() - MAX);
	}

	@Test
	void manyUsersEachRacingForMoreThanTheLimitEachEndWithTheLimit() {
		OnSale sale = concertOfSeats(200);
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		List<SeatId> seats = sale.seatIds();
		List<Admission> users = java.util.stream.IntStream.range(0, 20)
			.mapToObj((i) -> new Admission(concert, new UserId(UUID.randomUUID())))
			.toList();

		List<Outcome<Reservation>> outcomes = Race.run(seats.size(),
				(i) -> this.reservations.hold(new HoldSeat(concert, date, seats.get(i)), users.get(i % users.size())));

		assertThat(Outcome.values(outcomes)).hasSize(users.size() * MAX);
		assertThat(this.jdbc.queryForList("""
				SELECT count(*) FROM reservation WHERE concert_id = ? AND status = 'HELD' GROUP BY user_id""",
				Long.class, concert.value()))
			.hasSize(users.size())
			.containsOnly((long) MAX);
	}

	@Test
	void anExpiredHoldNoLongerCountsAndAnotherConcertHasItsOwnLimit() {
		OnSale sale = concertOfSeats(10);
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		List<SeatId> seats = sale.seatIds();
		Admission user = new Admission(concert, new UserId(UUID.randomUUID()));
		for (int i = 0; i < MAX; i++) {
			this.reservations.hold(new HoldSeat(concert, date, seats.get(i)), user);
		}
		assertThat(Outcome
			.failures(Race.run(1, (i) -> this.reservations.hold(new HoldSeat(concert, date, seats.get(MAX)), user))))
			.singleElement()
			.isInstanceOfSatisfying(ProblemException.class, (p) -> assertThat(p.code()).isEqualTo("HOLD_LIMIT"));

		OnSale other = concertOfSeats(1);
		Reservation elsewhere = this.boxOffice.hold(other.seat(0), other.admit(user.userId()));
		assertThat(elsewhere.status()).isEqualTo(ReservationStatus.HELD);

		this.clock.advance(this.boxOffice.holdDuration());
		Reservation again = this.reservations.hold(new HoldSeat(concert, date, seats.get(MAX)), user);
		assertThat(again.status()).isEqualTo(ReservationStatus.HELD);
		assertThat(this.reservations.liveHolds(user.userId(), concert)).isOne();
	}

	@Test
	void theRefusalOverHttpIsA409ProblemAndChangesNothing() {
		Api api = new Api(this.port);
		OnSale sale = concertOfSeats(MAX + 1);
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		List<SeatId> seats = sale.seatIds();
		UserId user = this.boxOffice.fan(Points.of(0));
		String token = api.token(concert, user);
		Map<String, Object> body = sale.holdBody();
		for (int i = 0; i < MAX; i++) {
			assertThat(api.post("/api/v1/reservations/seats/" + seats.get(i).value(), token, body).getStatusCode())
				.isEqualTo(HttpStatus.OK);
		}
		long reservationsBefore = this.jdbc.queryForObject("SELECT count(*) FROM reservation", Long.class);
		SeatId last = seats.get(MAX);

		ResponseEntity<JsonNode> refused = api.post("/api/v1/reservations/seats/" + last.value(), token, body);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("HOLD_LIMIT");
		assertThat(refused.getBody().get("status").asInt()).isEqualTo(409);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservation", Long.class))
			.isEqualTo(reservationsBefore);
		assertThat(this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, last.value()))
			.isEqualTo("AVAILABLE");
		assertThat(this.redis.hasKey(this.prefix + "seat-claim:" + last.value())).isFalse();
		assertThat(this.concerts.availableSeats(concert, date)).extracting(Seat::id).containsExactly(last);
		assertThat(this.meters.get("concert.holds")
			.tag("concert", concert.toString())
			.tag("outcome", "refused")
			.tag("reason", "HOLD_LIMIT")
			.counter()
			.count()).as("the refusal is counted by its reason").isEqualTo(1);
	}

	private OnSale concertOfSeats(int seats) {
		return this.boxOffice.concertOnSale("Limit", seats, Points.of(1_000));
	}

}
