package dev.ticketing.reservation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.Seat;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatUnavailable;
import dev.ticketing.point.PointService;
import dev.ticketing.queue.QueueService;
import dev.ticketing.queue.QueueState;
import dev.ticketing.queue.QueueTicket;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many users grab the same seats at the same moment against the real PostgreSQL: the
 * conditional UPDATE in the seat inventory must let exactly one of them win each seat.
 */
@IntegrationTest
@TestPropertySource(properties = "concert.queue.max-active=1000")
@Import(MutableClockConfiguration.class)
class SeatHoldRaceIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ReservationService reservations;

	@Autowired
	ConcertService concerts;

	@Autowired
	PointService points;

	@Autowired
	QueueService queue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void fiveHundredConcurrentHoldsOnOneSeatMakeExactlyOneWinner() {
		OnSale sale = concertOfSeats(1);
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		SeatId seat = sale.seat(0).id();
		List<UserId> users = users(500);

		List<Outcome<Reservation>> outcomes = Race.run(users.size(),
				(i) -> this.reservations.hold(new HoldSeat(concert, date, seat), new Admission(concert, users.get(i))));

		List<Reservation> winners = Outcome.values(outcomes);
		assertThat(winners).hasSize(1);
		assertThat(Outcome.failures(outcomes)).hasSize(499).allSatisfy((failure) -> {
			assertThat(failure).isInstanceOf(SeatUnavailable.class);
			assertThat(((SeatUnavailable) failure).code()).isEqualTo("SEAT_UNAVAILABLE");
		});
		Reservation winner = winners.getFirst();
		assertThat(winner.status()).isEqualTo(ReservationStatus.HELD);
		assertThat(winner.seatId()).isEqualTo(seat);
		assertOnlyHolderOf(seat, winner.id().value(), winner.userId().value());
	}

	@Test
	void twoThousandConcurrentHoldsOverAThousandSeatsHoldEachSeatAtMostOnce() {
		OnSale sale = concertOfSeats(1_000);
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		List<SeatId> seats = sale.seatIds();
		assertThat(seats).hasSize(1_000);
		long seed = System.nanoTime();
		Random random = new Random(seed);
		List<SeatId> picks = IntStream.range(0, 2_000)
			.mapToObj((i) -> seats.get(random.nextInt(seats.size())))
			.toList();
		Set<SeatId> tried = new HashSet<>(picks);
		List<UserId> users = users(picks.size());

		List<Outcome<Reservation>> outcomes = Race.run(picks.size(), (i) -> this.reservations
			.hold(new HoldSeat(concert, date, picks.get(i)), new Admission(concert, users.get(i))));

		List<Reservation> winners = Outcome.values(outcomes);
		assertThat(Outcome.failures(outcomes)).as("seed %d", seed)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(SeatUnavailable.class));
		assertThat(winners.stream().map(Reservation::seatId))
			.as("every seat someone tried has exactly one winner (seed %d)", seed)
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(tried);
		assertThat(this.jdbc.queryForList("""
				SELECT seat_id FROM reservation WHERE concert_date_id = ?
				 GROUP BY seat_id HAVING count(*) > 1""", Long.class, date.value())).as("seats reserved twice")
			.isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservation WHERE concert_date_id = ?", Long.class,
				date.value()))
			.isEqualTo(winners.size());
		Map<Long, UUID> holders = new HashMap<>();
		this.jdbc.query("SELECT id, holder_id FROM seat WHERE concert_date_id = ? AND status = 'HELD'",
				(RowCallbackHandler) (rs) -> holders.put(rs.getLong("id"), rs.getObject("holder_id", UUID.class)),
				date.value());
		assertThat(holders).hasSize(winners.size());
		assertThat(winners)
			.allSatisfy((r) -> assertThat(holders).containsEntry(r.seatId().value(), r.userId().value()));
		assertThat(this.concerts.availableSeats(concert, date)).extracting(Seat::id)
			.as("the seats nobody won are still offered, and only those")
			.containsExactlyInAnyOrderElementsOf(seats.stream().filter((s) -> !tried.contains(s)).toList());
	}

	@Test
	void anExpiredHoldIsWonBackByExactlyOneOfManyUsers() {
		OnSale sale = concertOfSeats(1);
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		SeatId seat = sale.seat(0).id();
		Reservation first = this.boxOffice.hold(concert, date, seat, sale.admit(new UserId(UUID.randomUUID())));
		List<UserId> users = users(200);

		this.clock.advance(this.boxOffice.holdDuration());
		List<Outcome<Reservation>> outcomes = Race.run(users.size(),
				(i) -> this.reservations.hold(new HoldSeat(concert, date, seat), new Admission(concert, users.get(i))));

		List<Reservation> winners = Outcome.values(outcomes);
		assertThat(winners).hasSize(1);
		assertThat(Outcome.failures(outcomes)).hasSize(199)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOf(SeatUnavailable.class));
		Reservation winner = winners.getFirst();
		assertThat(this.jdbc.queryForList("SELECT id FROM reservation WHERE seat_id = ?", UUID.class, seat.value()))
			.as("the run-out hold and the one that replaced it")
			.containsExactlyInAnyOrder(first.id().value(), winner.id().value());
		assertThat(
				this.jdbc.queryForMap("SELECT status, holder_id, reservation_id FROM seat WHERE id = ?", seat.value()))
			.containsEntry("status", "HELD")
			.containsEntry("holder_id", winner.userId().value())
			.containsEntry("reservation_id", winner.id().value());
		assertThat(this.concerts.availableSeats(concert, date)).isEmpty();
	}

	@Test
	void fiveHundredConcurrentHoldRequestsOnOneSeatOverHttpMakeExactlyOneWinner() {
		Api api = new Api(this.port);
		OnSale sale = concertOfSeats(1);
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		SeatId seat = sale.seat(0).id();
		List<UserId> users = users(500);
		this.points.openWallets(users, Points.of(10_000));
		List<QueueTicket> tickets = Outcome
			.values(Race.run(users.size(), (i) -> this.queue.issue(concert, users.get(i))));
		assertThat(tickets).hasSize(users.size())
			.allSatisfy((ticket) -> assertThat(ticket.status()).isEqualTo(QueueState.ACTIVE));
		List<String> tokens = tickets.stream().map(QueueTicket::tokenId).toList();
		assertThat(tokens).hasSize(users.size());
		Map<String, Object> body = sale.holdBody();

		List<ResponseEntity<JsonNode>> responses = Outcome.values(Race.run(tokens.size(),
				(i) -> api.post("/api/v1/reservations/seats/" + seat.value(), tokens.get(i), body)));

		assertThat(responses).hasSize(500);
		List<ResponseEntity<JsonNode>> won = responses.stream()
			.filter((r) -> r.getStatusCode() == HttpStatus.OK)
			.toList();
		assertThat(won).hasSize(1);
		assertThat(responses.stream().filter((r) -> r.getStatusCode() != HttpStatus.OK)).hasSize(499)
			.allSatisfy((refused) -> {
				assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
				assertThat(refused.getBody().get("code").asString()).isEqualTo("SEAT_UNAVAILABLE");
			});
		JsonNode winner = won.getFirst().getBody();
		assertThat(winner.get("status").asString()).isEqualTo("HELD");
		assertThat(winner.get("seatId").asLong()).isEqualTo(seat.value());
		UUID reservation = UUID.fromString(winner.get("reservationId").asString());
		UUID holder = this.jdbc.queryForObject("SELECT user_id FROM reservation WHERE id = ?", UUID.class, reservation);
		assertThat(users).contains(new UserId(holder));
		assertOnlyHolderOf(seat, reservation, holder);
	}

	private void assertOnlyHolderOf(SeatId seat, UUID reservation, UUID user) {
		assertThat(this.jdbc.queryForList("SELECT id FROM reservation WHERE seat_id = ?", UUID.class, seat.value()))
			.as("reservations of the seat")
			.containsExactly(reservation);
		assertThat(this.jdbc.queryForObject("SELECT status FROM reservation WHERE id = ?", String.class, reservation))
			.isEqualTo("HELD");
		Map<String, Object> row = this.jdbc
			.queryForMap("SELECT status, holder_id, reservation_id FROM seat WHERE id = ?", seat.value());
		assertThat(row).containsEntry("status", "HELD")
			.containsEntry("holder_id", user)
			.containsEntry("reservation_id", reservation);
	}

	private OnSale concertOfSeats(int seats) {
		return this.boxOffice.concertOnSale("Race", seats, Points.of(1_000));
	}

	private static List<UserId> users(int count) {
		return IntStream.range(0, count).mapToObj((i) -> new UserId(UUID.randomUUID())).toList();
	}

}
