package dev.ticketing.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatId;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live hold is a right to pay: a fan who holds a seat and then takes longer than the
 * idle timeout to pay (typing card details, topping up) still pays for it, or gives it
 * up, with the queue token the hold was made with, until the hold expires. Nothing new
 * can be booked with that token. Over HTTP against the real PostgreSQL and Redis; time
 * passes by moving the clock.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.queue.idle-timeout=5s", "concert.queue.admission-recheck=0s",
		"concert.reservation.hold-duration=60s", "concert.reservation.sweep-interval=1h", "concert.queue.max-active=1",
		"concert.queue.refill-interval=1h" })
class HoldIsARightToPayIntegrationTests {

	private static final Points PRICE = Points.of(1_000);

	@LocalServerPort
	int port;

	@Autowired
	ConcertService concerts;

	@Autowired
	PointService points;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void aHolderPaysTenSecondsAfterTheFiveSecondIdleTimeoutEndedTheAdmission() {
		Booking booking = concertOfSeats(2);
		UserId user = this.points.register(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seats().get(0));

		this.clock.advance(Duration.ofSeconds(10));
		assertThat(api.get(status(booking.concert()), token).getBody().get("status").asString()).isEqualTo("EXPIRED");
		ResponseEntity<JsonNode> paid = api.post("/api/v1/payments/" + reservation, token, null);

		assertThat(paid.getStatusCode().value()).isEqualTo(200);
		assertThat(paid.getBody().get("reservationId").asString()).isEqualTo(reservation);
		assertThat(seatStatus(booking.seats().get(0))).isEqualTo("SOLD");
		assertThat(balance(user)).isEqualTo(4_000);
		ResponseEntity<JsonNode> another = api.post(holdPath(booking.seats().get(1)), token, booking.body());
		assertThat(another.getStatusCode().value()).as("the token books nothing new").isEqualTo(401);
		assertThat(another.getBody().get("code").asString()).isEqualTo("TOKEN_EXPIRED");
		assertThat(seatStatus(booking.seats().get(1))).isEqualTo("AVAILABLE");
	}

	@Test
	void aHolderWhoseAdmissionRanOutCancelsTheHoldAndTheSeatIsFreeAtOnce() {
		Booking booking = concertOfSeats(1);
		UserId user = this.points.register(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seats().get(0));

		this.clock.advance(Duration.ofSeconds(10));
		ResponseEntity<JsonNode> cancelled = api.delete("/api/v1/reservations/" + reservation, token);

		assertThat(cancelled.getStatusCode().value()).isEqualTo(204);
		assertThat(this.concerts.availableSeats(booking.concert(), booking.date())).hasSize(1);
		assertThat(balance(user)).isEqualTo(5_000);
	}

	@Test
	void aHolderWaitingInLineAgainStillPaysWithTheNewToken() {
		Booking booking = concertOfSeats(1);
		UserId user = this.points.register(Points.of(5_000));
		UserId other = this.points.register(Points.of(0));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seats().get(0));
		this.clock.advance(Duration.ofSeconds(10));
		// The slot goes to another (max-active is 1); the holder joins the line again.
		api.token(booking.concert(), other);
		String waiting = api.token(booking.concert(), user);
		assertThat(api.get(status(booking.concert()), waiting).getBody().get("status").asString()).isEqualTo("WAITING");

		ResponseEntity<JsonNode> paid = api.post("/api/v1/payments/" + reservation, waiting, null);

		assertThat(paid.getStatusCode().value()).isEqualTo(200);
		assertThat(seatStatus(booking.seats().get(0))).isEqualTo("SOLD");
	}

	@Test
	void onceTheHoldHasExpiredThePaymentIsGoneAndTakesNoMoney() {
		Booking booking = concertOfSeats(1);
		UserId user = this.points.register(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seats().get(0));

		this.clock.advance(Duration.ofSeconds(61));
		ResponseEntity<JsonNode> late = api.post("/api/v1/payments/" + reservation, token, null);

		assertThat(late.getStatusCode().value()).isEqualTo(410);
		assertThat(late.getBody().get("code").asString()).isEqualTo("HOLD_EXPIRED");
		assertThat(balance(user)).isEqualTo(5_000);
		assertThat(paymentsOf(user)).isZero();
	}

	@Test
	void anotherUsersTokenOrAForgedOneCanNeitherPayNorCancelTheHold() {
		Booking booking = concertOfSeats(1);
		UserId user = this.points.register(Points.of(5_000));
		UserId thief = this.points.register(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seats().get(0));
		String thiefs = api.token(booking.concert(), thief);
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(api.post("/api/v1/payments/" + reservation, thiefs, null).getStatusCode().value()).isEqualTo(404);
		assertThat(api.delete("/api/v1/reservations/" + reservation, thiefs).getStatusCode().value()).isEqualTo(404);
		assertThat(api.post("/api/v1/payments/" + reservation, token + "x", null).getStatusCode().value())
			.isEqualTo(401);
		assertThat(api.post("/api/v1/payments/" + reservation, null, null).getStatusCode().value()).isEqualTo(401);
		assertThat(api.delete("/api/v1/reservations/" + reservation, "not-a-token").getStatusCode().value())
			.isEqualTo(401);
		assertThat(seatStatus(booking.seats().get(0))).isEqualTo("HELD");
		assertThat(balance(user)).isEqualTo(5_000);
		assertThat(balance(thief)).isEqualTo(5_000);
	}

	@Test
	void aHoldRetriedWithItsKeyAfterTheAdmissionEndedGetsTheFirstAnswerAndANewKeyIsRefused() {
		Booking booking = concertOfSeats(2);
		UserId user = this.points.register(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		Api keyed = new Api(this.port).withIdempotencyKey("hold-" + UUID.randomUUID());
		ResponseEntity<String> first = keyed.postForText(holdPath(booking.seats().get(0)), token, booking.body());
		assertThat(first.getStatusCode().value()).isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(10));
		ResponseEntity<String> retry = keyed.postForText(holdPath(booking.seats().get(0)), token, booking.body());
		ResponseEntity<String> fresh = new Api(this.port).withIdempotencyKey("hold-" + UUID.randomUUID())
			.postForText(holdPath(booking.seats().get(1)), token, booking.body());

		assertThat(retry.getStatusCode().value()).isEqualTo(200);
		assertThat(retry.getBody()).isEqualTo(first.getBody());
		assertThat(fresh.getStatusCode().value()).isEqualTo(401);
		assertThat(fresh.getBody()).contains("\"code\":\"TOKEN_EXPIRED\"");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservation WHERE user_id = ?", Long.class,
				user.value()))
			.isOne();
		assertThat(seatStatus(booking.seats().get(1))).isEqualTo("AVAILABLE");
	}

	private String hold(Api api, String token, Booking booking, SeatId seat) {
		ResponseEntity<JsonNode> held = api.post(holdPath(seat), token, booking.body());
		assertThat(held.getStatusCode().value()).isEqualTo(200);
		return held.getBody().get("reservationId").asString();
	}

	private Booking concertOfSeats(int seats) {
		ConcertId concert = this.concerts.addConcert("Pay late", "Hall",
				List.of(Instant.now().plus(Duration.ofDays(7))), seats, PRICE);
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		List<SeatId> ids = this.concerts.availableSeats(concert, date).stream().map((s) -> s.id()).toList();
		return new Booking(concert, date, ids);
	}

	private static String status(ConcertId concert) {
		return "/api/v1/queue/concerts/" + concert;
	}

	private static String holdPath(SeatId seat) {
		return "/api/v1/reservations/seats/" + seat.value();
	}

	private long balance(UserId user) {
		return this.jdbc.queryForObject("SELECT balance FROM wallet WHERE user_id = ?", Long.class, user.value());
	}

	private long paymentsOf(UserId user) {
		return this.jdbc.queryForObject("SELECT count(*) FROM payment WHERE user_id = ?", Long.class, user.value());
	}

	private String seatStatus(SeatId seat) {
		return this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, seat.value());
	}

	record Booking(ConcertId concert, ConcertDateId date, List<SeatId> seats) {

		Map<String, Object> body() {
			return Map.of("concertId", this.concert.toString(), "concertDateId", this.date.value());
		}

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
