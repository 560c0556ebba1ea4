package dev.ticketing.payment;

import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
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
@Import(MutableClockConfiguration.class)
class HoldIsARightToPayIntegrationTests {

	private static final Points PRICE = Points.of(1_000);

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ConcertService concerts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void aHolderPaysTenSecondsAfterTheFiveSecondIdleTimeoutEndedTheAdmission() {
		OnSale booking = concertOfSeats(2);
		UserId user = this.boxOffice.fan(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seat(0).id());

		this.clock.advance(Duration.ofSeconds(10));
		assertThat(api.get(status(booking.concert()), token).getBody().get("status").asString()).isEqualTo("EXPIRED");
		ResponseEntity<JsonNode> paid = api.post("/api/v1/payments/" + reservation, token, null);

		assertThat(paid.getStatusCode().value()).isEqualTo(200);
		assertThat(paid.getBody().get("reservationId").asString()).isEqualTo(reservation);
		assertThat(seatStatus(booking.seat(0).id())).isEqualTo("SOLD");
		assertThat(balance(user)).isEqualTo(4_000);
		ResponseEntity<JsonNode> another = api.post(holdPath(booking.seat(1).id()), token, booking.holdBody());
		assertThat(another.getStatusCode().value()).as("the token books nothing new").isEqualTo(401);
		assertThat(another.getBody().get("code").asString()).isEqualTo("TOKEN_EXPIRED");
		assertThat(seatStatus(booking.seat(1).id())).isEqualTo("AVAILABLE");
	}

	@Test
	void aHolderWhoseAdmissionRanOutCancelsTheHoldAndTheSeatIsFreeAtOnce() {
		OnSale booking = concertOfSeats(1);
		UserId user = this.boxOffice.fan(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seat(0).id());

		this.clock.advance(Duration.ofSeconds(10));
		ResponseEntity<JsonNode> cancelled = api.delete("/api/v1/reservations/" + reservation, token);

		assertThat(cancelled.getStatusCode().value()).isEqualTo(204);
		assertThat(this.concerts.availableSeats(booking.concert(), booking.date())).hasSize(1);
		assertThat(balance(user)).isEqualTo(5_000);
	}

	@Test
	void aHolderWaitingInLineAgainStillPaysWithTheNewToken() {
		OnSale booking = concertOfSeats(1);
		UserId user = this.boxOffice.fan(Points.of(5_000));
		UserId other = this.boxOffice.fan(Points.of(0));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seat(0).id());
		this.clock.advance(Duration.ofSeconds(10));
		// The slot goes to another (max-active is 1); the holder joins the line again.
		api.token(booking.concert(), other);
		String waiting = api.token(booking.concert(), user);
		assertThat(api.get(status(booking.concert()), waiting).getBody().get("status").asString()).isEqualTo("WAITING");

		ResponseEntity<JsonNode> paid = api.post("/api/v1/payments/" + reservation, waiting, null);

		assertThat(paid.getStatusCode().value()).isEqualTo(200);
		assertThat(seatStatus(booking.seat(0).id())).isEqualTo("SOLD");
	}

	@Test
	void onceTheHoldHasExpiredThePaymentIsGoneAndTakesNoMoney() {
		OnSale booking = concertOfSeats(1);
		UserId user = this.boxOffice.fan(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seat(0).id());

		this.clock.advance(Duration.ofSeconds(61));
		ResponseEntity<JsonNode> late = api.post("/api/v1/payments/" + reservation, token, null);

		assertThat(late.getStatusCode().value()).isEqualTo(410);
		assertThat(late.getBody().get("code").asString()).isEqualTo("HOLD_EXPIRED");
		assertThat(balance(user)).isEqualTo(5_000);
		assertThat(paymentsOf(user)).isZero();
	}

	@Test
	void anotherUsersTokenOrAForgedOneCanNeitherPayNorCancelTheHold() {
		OnSale booking = concertOfSeats(1);
		UserId user = this.boxOffice.fan(Points.of(5_000));
		UserId thief = this.boxOffice.fan(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		String reservation = hold(api, token, booking, booking.seat(0).id());
		String thiefs = api.token(booking.concert(), thief);
		this.clock.advance(Duration.ofSeconds(10));

		assertThat(api.post("/api/v1/payments/" + reservation, thiefs, null).getStatusCode().value()).isEqualTo(404);
		assertThat(api.delete("/api/v1/reservations/" + reservation, thiefs).getStatusCode().value()).isEqualTo(404);
		assertThat(api.post("/api/v1/payments/" + reservation, token + "x", null).getStatusCode().value())
			.isEqualTo(401);
		assertThat(api.post("/api/v1/payments/" + reservation, null, null).getStatusCode().value()).isEqualTo(401);
		assertThat(api.delete("/api/v1/reservations/" + reservation, "not-a-token").getStatusCode().value())
			.isEqualTo(401);
		assertThat(seatStatus(booking.seat(0).id())).isEqualTo("HELD");
		assertThat(balance(user)).isEqualTo(5_000);
		assertThat(balance(thief)).isEqualTo(5_000);
	}

	@Test
	void anotherConcertsTokenOfTheHolderCanNeitherPayForNorCancelTheHold() {
		OnSale booking = concertOfSeats(1);
		OnSale elsewhere = concertOfSeats(1);
		UserId user = this.boxOffice.fan(Points.of(5_000));
		Api api = new Api(this.port);
		String reservation = hold(api, api.token(booking.concert(), user), booking, booking.seat(0).id());
		String otherConcerts = api.token(elsewhere.concert(), user);

		ResponseEntity<JsonNode> paid = api.post("/api/v1/payments/" + reservation, otherConcerts, null);
		ResponseEntity<JsonNode> cancelled = api.delete("/api/v1/reservations/" + reservation, otherConcerts);

		assertThat(paid.getStatusCode().value()).isEqualTo(403);
		assertThat(paid.getBody().get("code").asString()).isEqualTo("TOKEN_CONCERT_MISMATCH");
		assertThat(cancelled.getStatusCode().value()).isEqualTo(403);
		assertThat(cancelled.getBody().get("code").asString()).isEqualTo("TOKEN_CONCERT_MISMATCH");
		assertStillHeld(reservation, booking.seat(0).id());
		assertThat(balance(user)).isEqualTo(5_000);
	}

	@Test
	void aTokenOfAnEarlierEntryIntoTheLineCanNeitherPayForNorCancelAHoldMadeSince() {
		OnSale booking = concertOfSeats(1);
		UserId user = this.boxOffice.fan(Points.of(5_000));
		Api api = new Api(this.port);
		String earlier = api.token(booking.concert(), user);
		this.clock.advance(Duration.ofSeconds(10));
		String current = api.token(booking.concert(), user);
		assertThat(current).as("a new entry, a new token").isNotEqualTo(earlier);
		String reservation = hold(api, current, booking, booking.seat(0).id());

		ResponseEntity<JsonNode> paid = api.post("/api/v1/payments/" + reservation, earlier, null);
		ResponseEntity<JsonNode> cancelled = api.delete("/api/v1/reservations/" + reservation, earlier);

		assertThat(paid.getStatusCode().value()).isEqualTo(401);
		assertThat(paid.getBody().get("code").asString()).isEqualTo("TOKEN_EXPIRED");
		assertThat(cancelled.getStatusCode().value()).isEqualTo(401);
		assertThat(cancelled.getBody().get("code").asString()).isEqualTo("TOKEN_EXPIRED");
		assertStillHeld(reservation, booking.seat(0).id());
		assertThat(balance(user)).isEqualTo(5_000);
		assertThat(api.post("/api/v1/payments/" + reservation, current, null).getStatusCode().value())
			.as("the hold's own token still pays")
			.isEqualTo(200);
	}

	@Test
	void aHoldRetriedWithItsKeyAfterTheAdmissionEndedGetsTheFirstAnswerAndANewKeyIsRefused() {
		OnSale booking = concertOfSeats(2);
		UserId user = this.boxOffice.fan(Points.of(5_000));
		Api api = new Api(this.port);
		String token = api.token(booking.concert(), user);
		Api keyed = new Api(this.port).withIdempotencyKey("hold-" + UUID.randomUUID());
		ResponseEntity<String> first = keyed.postForText(holdPath(booking.seat(0).id()), token, booking.holdBody());
		assertThat(first.getStatusCode().value()).isEqualTo(200);

		this.clock.advance(Duration.ofSeconds(10));
		ResponseEntity<String> retry = keyed.postForText(holdPath(booking.seat(0).id()), token, booking.holdBody());
		ResponseEntity<String> fresh = new Api(this.port).withIdempotencyKey("hold-" + UUID.randomUUID())
			.postForText(holdPath(booking.seat(1).id()), token, booking.holdBody());

		assertThat(retry.getStatusCode().value()).isEqualTo(200);
		assertThat(retry.getBody()).isEqualTo(first.getBody());
		assertThat(fresh.getStatusCode().value()).isEqualTo(401);
		assertThat(fresh.getBody()).contains("\"code\":\"TOKEN_EXPIRED\"");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservation WHERE user_id = ?", Long.class,
				user.value()))
			.isOne();
		assertThat(seatStatus(booking.seat(1).id())).isEqualTo("AVAILABLE");
	}

	private String hold(Api api, String token, OnSale booking, SeatId seat) {
		ResponseEntity<JsonNode> held = api.post(holdPath(seat), token, booking.holdBody());
		assertThat(held.getStatusCode().value()).isEqualTo(200);
		return held.getBody().get("reservationId").asString();
	}

	private void assertStillHeld(String reservation, SeatId seat) {
		assertThat(this.jdbc.queryForObject("SELECT status FROM reservation WHERE id = ?::uuid", String.class,
				reservation))
			.isEqualTo("HELD");
		assertThat(seatStatus(seat)).isEqualTo("HELD");
	}

	private OnSale concertOfSeats(int seats) {
		return this.boxOffice.concertOnSale("Pay late", seats, PRICE);
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

}
