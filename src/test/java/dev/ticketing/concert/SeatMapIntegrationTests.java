package dev.ticketing.concert;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.payment.RefundService;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
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
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = { "concert.cache.browse-ttl=1h", "concert.reservation.sweep-interval=1h" })
class SeatMapIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ReservationService reservations;

	@Autowired
	RefundService refunds;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void theSeatMapTellsHeldSoldAndFreeSeatsApartAndItsCachedAnswerFollowsEveryChange() {
		OnSale sale = this.boxOffice.concertOnSale("Map", Duration.ofDays(5), 4, Points.of(1_000));
		ConcertId concert = sale.concert();
		ConcertDateId date = sale.date();
		List<Seat> seats = sale.seats();
		Admission alice = this.boxOffice.admittedFan(sale, Points.of(5_000));
		Admission bob = this.boxOffice.admittedFan(sale, Points.of(5_000));
		assertThat(seatMap(concert, date)).containsExactly(entry(1, "AVAILABLE"), entry(2, "AVAILABLE"),
				entry(3, "AVAILABLE"), entry(4, "AVAILABLE"));

		// Behind the cache's back: the cached answer stands, as no change was announced.
		this.jdbc.update("UPDATE seat SET status = 'SOLD', holder_id = ?, reservation_id = ? WHERE id = ?",
				UUID.randomUUID(), UUID.randomUUID(), seats.get(3).id().value());
		assertThat(seatMap(concert, date)).as("served from the cache").containsEntry(4, "AVAILABLE");

		Reservation alicesHold = this.boxOffice.hold(seats.get(0), alice);
		assertThat(seatMap(concert, date)).as("after a hold").containsEntry(1, "HELD");

		this.boxOffice.pay(alicesHold, alice);
		assertThat(seatMap(concert, date)).as("after a payment").containsEntry(1, "SOLD");

		Reservation cancelled = this.boxOffice.hold(seats.get(2), bob);
		assertThat(seatMap(concert, date)).as("after a second hold").containsEntry(3, "HELD");
		this.reservations.cancel(cancelled.id(), QueuePass.admitted(bob));
		assertThat(seatMap(concert, date)).as("after a cancellation").containsEntry(3, "AVAILABLE");

		this.boxOffice.hold(seats.get(1), bob);
		assertThat(seatMap(concert, date)).as("after bob's hold").containsEntry(2, "HELD");
		this.clock.advance(this.boxOffice.holdDuration().minusMillis(1));
		assertThat(seatMap(concert, date)).as("a millisecond before the hold runs out").containsEntry(2, "HELD");
		this.clock.advance(Duration.ofMillis(1));
		assertThat(seatMap(concert, date)).as("once the hold ran out, unswept").containsEntry(2, "AVAILABLE");

		this.refunds.refundByOrganiser(alicesHold.id(), new UserId(UUID.randomUUID()));
		assertThat(seatMap(concert, date)).as("after a refund")
			.containsExactly(entry(1, "AVAILABLE"), entry(2, "AVAILABLE"), entry(3, "AVAILABLE"), entry(4, "SOLD"));
	}

	/**
	 * Seat number → status, as a fan admitted now reads the map (a new one each time, as
	 * the test clock outruns any admission).
	 */
	private Map<Integer, String> seatMap(ConcertId concert, ConcertDateId date) {
		Api api = new Api(this.port);
		String token = api.token(concert, this.boxOffice.fan(Points.ZERO));
		JsonNode map = api.get("/api/v1/concerts/" + concert + "/dates/" + date.value() + "/seat-map", token).getBody();
		Map<Integer, String> states = new LinkedHashMap<>();
		map.forEach((seat) -> states.put(seat.get("seatNumber").asInt(), seat.get("status").asString()));
		return states;
	}

	private static Map.Entry<Integer, String> entry(int seatNumber, String status) {
		return Map.entry(seatNumber, status);
	}

}
