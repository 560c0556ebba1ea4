package dev.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.Caller;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.NewConcert;
import dev.ticketing.concert.SaleService;
import dev.ticketing.concert.Seat;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's list of reservations against the real PostgreSQL: live holds, paid, run-out
 * and cancelled ones, each with what became of it, newest first and bounded. A hold past
 * its expiry is listed EXPIRED with no sweep having run (the sweep is held off).
 */
@IntegrationTest
@Import(MutableClockConfiguration.class)
// One user holds 101 seats to fill the list, far past the hold limit of a real sale.
@TestPropertySource(
		properties = { "concert.reservation.sweep-interval=1h", "concert.reservation.max-holds-per-user=200" })
class UserReservationsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ReservationService reservations;

	@Autowired
	ConcertService concerts;

	@Autowired
	SaleService sales;

	@Autowired
	MutableClock clock;

	@Value("${concert.reservation.self-refund-until}")
	Duration selfRefundUntil;

	@Test
	void theOwnerSeesEachReservationWithWhatBecameOfItNewestFirst() {
		OnSale sale = this.boxOffice.concertOnSale("List", 4, Points.of(1_000));
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		List<Seat> seats = sale.seats();
		UserId user = this.boxOffice.fan(Points.of(5_000));
		Admission admission = sale.admit(user);
		Reservation runOut = this.boxOffice.hold(seats.get(0), admission);
		this.clock.advance(this.boxOffice.holdDuration().minusSeconds(1));
		Reservation cancelled = this.boxOffice.hold(seats.get(1), admission);
		this.reservations.cancel(cancelled.id(), QueuePass.admitted(admission));
		this.clock.advance(Duration.ofMillis(1));
		Reservation paid = this.boxOffice.hold(seats.get(2), admission);
		Instant paidAt = this.boxOffice.pay(paid, admission).paidAt();
		this.clock.advance(Duration.ofMillis(1));
		Reservation live = this.boxOffice.hold(seats.get(3), admission);
		this.clock.advance(Duration.ofSeconds(1));

		ResponseEntity<JsonNode> listed = new Api(this.port).get(reservationsOf(user), null);

		assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode body = listed.getBody();
		assertThat(body).extracting((entry) -> entry.get("reservationId").asString())
			.containsExactly(live.id().toString(), paid.id().toString(), cancelled.id().toString(),
					runOut.id().toString());
		assertThat(body).extracting((entry) -> entry.get("status").asString())
			.containsExactly("HELD", "PAID", "CANCELLED", "EXPIRED");
		JsonNode held = body.get(0);
		assertThat(held.get("concertId").asString()).isEqualTo(concert.toString());
		assertThat(held.get("concertDateId").asLong()).isEqualTo(date.value());
		assertThat(held.get("seatId").asLong()).isEqualTo(seats.get(3).id().value());
		assertThat(held.get("seatNumber").asInt()).isEqualTo(seats.get(3).number());
		assertThat(held.get("price").asLong()).isEqualTo(1_000);
		assertThat(held.get("concertTitle").asString()).isEqualTo("List");
		assertThat(held.get("label").asString()).isEqualTo(seats.get(3).label());
		assertThat(Instant.parse(held.get("expiresAt").asString())).isEqualTo(live.expiresAt());
		assertThat(held.has("paidAt")).isFalse();
		JsonNode bought = body.get(1);
		assertThat(Instant.parse(bought.get("paidAt").asString())).isEqualTo(paidAt);
		assertThat(bought.has("expiresAt")).as("a paid seat does not expire").isFalse();
		assertThat(Instant.parse(body.get(3).get("expiresAt").asString())).isEqualTo(runOut.expiresAt());
	}

	@Test
	void eachReservationSaysItsConcertDateAndPlaceInTheHallAndUntilWhenItsUserMayRefundIt() {
		ZoneId seoul = ZoneId.of("Asia/Seoul");
		Instant startsAt = LocalDate.now(seoul).plusDays(20).atTime(19, 30).atZone(seoul).toInstant();
		ConcertId concert = this.sales.create(new NewConcert("Seoul Night", "Arts Center", seoul, null, null, null));
		ConcertDateId date = this.sales.addDate(concert, startsAt,
				new SeatMap(List.of(new SeatMap.Section("Floor", List.of(new SeatMap.Row("3", 2, 1_000))),
						new SeatMap.Section("Balcony", List.of(new SeatMap.Row("B", 1, 500))))))
			.id();
		this.sales.change(concert, ConcertChanges.status(SaleStatus.ON_SALE));
		List<Seat> seats = this.concerts.availableSeats(concert, date);
		UserId user = this.boxOffice.fan(Points.of(5_000));
		Admission admission = new Admission(concert, user);
		Reservation paid = this.boxOffice.hold(seats.get(1), admission);
		this.boxOffice.pay(paid, admission);
		this.clock.advance(Duration.ofMillis(1));
		this.boxOffice.hold(seats.get(2), admission);
		this.clock.advance(Duration.ofMillis(1));

		JsonNode body = new Api(this.port).get(reservationsOf(user), null).getBody();

		assertThat(body).hasSize(2);
		JsonNode held = body.get(0);
		assertThat(held.get("status").asString()).isEqualTo("HELD");
		assertThat(held.get("concertTitle").asString()).isEqualTo("Seoul Night");
		assertThat(held.get("timeZone").asString()).isEqualTo("Asia/Seoul");
		assertThat(Instant.parse(held.get("startsAt").asString())).isEqualTo(startsAt);
		assertThat(held.get("section").asString()).isEqualTo("Balcony");
		assertThat(held.get("row").asString()).isEqualTo("B");
		assertThat(held.get("label").asString()).isEqualTo("Balcony-B-1");
		assertThat(held.get("seatNumber").asInt()).isEqualTo(3);
		assertThat(held.has("selfRefundableUntil")).as("only a paid ticket can be refunded").isFalse();
		JsonNode ticket = body.get(1);
		assertThat(ticket.get("status").asString()).isEqualTo("PAID");
		assertThat(ticket.get("section").asString()).isEqualTo("Floor");
		assertThat(ticket.get("row").asString()).isEqualTo("3");
		assertThat(ticket.get("label").asString()).isEqualTo("Floor-3-2");
		assertThat(Instant.parse(ticket.get("selfRefundableUntil").asString()))
			.isEqualTo(startsAt.minus(this.selfRefundUntil));
	}

	@Test
	void anOrganiserSeesAnyUsersReservationsAndAUserWithoutAnyAnEmptyList() {
		OnSale sale = this.boxOffice.concertOnSale("List", 1, Points.of(1_000));
		UserId user = this.boxOffice.fan(Points.of(5_000));
		Reservation held = this.boxOffice.hold(sale.seat(0), sale.admit(user));
		Api organiser = new Api(this.port).signedInWith(TestIssuer.tokenFor(UUID.randomUUID(), Caller.ORGANISER));

		JsonNode listed = organiser.get(reservationsOf(user), null).getBody();
		ResponseEntity<JsonNode> nobodys = organiser.get(reservationsOf(new UserId(UUID.randomUUID())), null);

		assertThat(listed).singleElement()
			.satisfies((entry) -> assertThat(entry.get("reservationId").asString()).isEqualTo(held.id().toString()));
		assertThat(nobodys.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(nobodys.getBody()).isEmpty();
	}

	@Test
	void theListStopsAtTheLatestHundred() {
		OnSale sale = this.boxOffice.concertOnSale("Many", 101, Points.of(10));
		UserId user = this.boxOffice.fan(Points.ZERO);
		Admission admission = sale.admit(user);
		Reservation last = null;
		for (Seat seat : sale.seats()) {
			last = this.boxOffice.hold(seat, admission);
			this.clock.advance(Duration.ofMillis(1));
		}

		JsonNode listed = new Api(this.port).get(reservationsOf(user), null).getBody();

		assertThat(listed).hasSize(100);
		assertThat(listed.get(0).get("reservationId").asString()).isEqualTo(last.id().toString());
	}

	private static String reservationsOf(UserId user) {
		return "/api/v1/users/" + user + "/reservations";
	}

}
