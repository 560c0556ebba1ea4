package dev.ticketing.concert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.payment.PaymentService;
import dev.ticketing.payment.RefundService;
import dev.ticketing.point.PointService;
import dev.ticketing.reservation.HoldSeat;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.support.Api;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat map against the real PostgreSQL tells free, held and sold seats apart, and its
 * cached answer follows every change of a seat: a hold, a payment, a cancellation, a hold
 * running out (with no sweep), a refund. The browse cache keeps answers for an hour here,
 * so only the change itself can make the next answer differ.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.cache.browse-ttl=1h", "concert.reservation.sweep-interval=1h" })
class SeatMapIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ConcertService concerts;

	@Autowired
	PointService points;

	@Autowired
	ReservationService reservations;

	@Autowired
	PaymentService payments;

	@Autowired
	RefundService refunds;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Value("${concert.reservation.hold-duration}")
	Duration holdDuration;

	@Test
	void theSeatMapTellsHeldSoldAndFreeSeatsApartAndItsCachedAnswerFollowsEveryChange() {
		ConcertId concert = this.concerts.addConcert("Map", "Hall", List.of(Instant.now().plus(Duration.ofDays(5))), 4,
				Points.of(1_000));
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		List<Seat> seats = this.concerts.availableSeats(concert, date);
		Admission alice = new Admission(concert, this.points.register(Points.of(5_000)));
		Admission bob = new Admission(concert, this.points.register(Points.of(5_000)));
		assertThat(seatMap(concert, date)).containsExactly(entry(1, "AVAILABLE"), entry(2, "AVAILABLE"),
				entry(3, "AVAILABLE"), entry(4, "AVAILABLE"));

		// Behind the cache's back: the cached answer stands, as no change was announced.
		this.jdbc.update("UPDATE seat SET status = 'SOLD', holder_id = ?, reservation_id = ? WHERE id = ?",
				UUID.randomUUID(), UUID.randomUUID(), seats.get(3).id().value());
		assertThat(seatMap(concert, date)).as("served from the cache").containsEntry(4, "AVAILABLE");

		Reservation alicesHold = hold(seats.get(0), alice);
		assertThat(seatMap(concert, date)).as("after a hold").containsEntry(1, "HELD");

		this.payments.pay(alicesHold.id(), alice);
		assertThat(seatMap(concert, date)).as("after a payment").containsEntry(1, "SOLD");

		Reservation cancelled = hold(seats.get(2), bob);
		assertThat(seatMap(concert, date)).as("after a second hold").containsEntry(3, "HELD");
		this.reservations.cancel(cancelled.id(), bob);
		assertThat(seatMap(concert, date)).as("after a cancellation").containsEntry(3, "AVAILABLE");

		hold(seats.get(1), bob);
		assertThat(seatMap(concert, date)).as("after bob's hold").containsEntry(2, "HELD");
		this.clock.advance(this.holdDuration.minusMillis(1));
		assertThat(seatMap(concert, date)).as("a millisecond before the hold runs out").containsEntry(2, "HELD");
		this.clock.advance(Duration.ofMillis(1));
		assertThat(seatMap(concert, date)).as("once the hold ran out, unswept").containsEntry(2, "AVAILABLE");

		this.refunds.refundByOrganiser(alicesHold.id(), new UserId(UUID.randomUUID()));
		assertThat(seatMap(concert, date)).as("after a refund")
			.containsExactly(entry(1, "AVAILABLE"), entry(2, "AVAILABLE"), entry(3, "AVAILABLE"), entry(4, "SOLD"));
	}

	private Reservation hold(Seat seat, Admission admission) {
		return this.reservations.hold(new HoldSeat(seat.concertId(), seat.concertDateId(), seat.id()), admission);
	}

	/**
	 * Seat number → status, as a fan admitted now reads the map (a new one each time, as
	 * the test clock outruns any admission).
	 */
	private Map<Integer, String> seatMap(ConcertId concert, ConcertDateId date) {
		Api api = new Api(this.port);
		String token = api.token(concert, this.points.register(Points.ZERO));
		JsonNode map = api.get("/api/v1/concerts/" + concert + "/dates/" + date.value() + "/seat-map", token).getBody();
		Map<Integer, String> states = new LinkedHashMap<>();
		map.forEach((seat) -> states.put(seat.get("seatNumber").asInt(), seat.get("status").asString()));
		return states;
	}

	private static Map.Entry<Integer, String> entry(int seatNumber, String status) {
		return Map.entry(seatNumber, status);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		@Primary
		MutableClock testClock() {
			return MutableClock.startingNow();
		}

	}

}
