package dev.ticketing;

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
import dev.ticketing.concert.ConcertService;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.TestIssuer;
import dev.ticketing.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed system's client flow, unchanged, over HTTP against PostgreSQL and Redis: token
 * → ACTIVE → dates → seats → reserve → pay.
 */
@IntegrationTest
class BookingFlowIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	ConcertService concerts;

	@Autowired
	PointService points;

	/** The client of these tests: it signs each user in with their own access token. */
	Api api() {
		return new Api(this.port);
	}

	@Test
	void bookingFlowOfTheSeedClientRunsUnchanged() {
		Api api = api();
		ConcertId concert = this.concerts.addConcert("Flow", "Hall", List.of(Instant.now().plus(Duration.ofDays(3))),
				10, Points.of(1_000));
		UserId user = this.points.register(Points.of(5_000));

		ResponseEntity<JsonNode> issued = api.post("/api/v1/queue/concerts/" + concert + "/users/" + user, null, null);
		assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		String token = issued.getBody().get("tokenId").asString();
		assertThat(issued.getBody().has("position")).isTrue();
		assertThat(issued.getBody().has("estimatedWaitSeconds")).isTrue();

		JsonNode status = api.get("/api/v1/queue/concerts/" + concert, token).getBody();
		assertThat(status.get("status").asString()).isEqualTo("ACTIVE");
		assertThat(status.get("position").asLong()).isZero();

		JsonNode dates = api.get("/api/v1/concerts/" + concert + "/dates", token).getBody();
		assertThat(dates).hasSize(1);
		long dateId = dates.get(0).get("concertDateId").asLong();
		assertThat(dates.get(0).get("availableSeats").asInt()).isEqualTo(10);
		assertThat(dates.get(0).has("date")).isTrue();

		JsonNode seats = api.get("/api/v1/concerts/" + concert + "/dates/" + dateId + "/seats", token).getBody();
		assertThat(seats).hasSize(10);
		long seatId = seats.get(0).get("seatId").asLong();
		assertThat(seats.get(0).get("price").asLong()).isEqualTo(1_000);
		assertThat(seats.get(0).has("seatNumber")).isTrue();

		ResponseEntity<JsonNode> held = api.post("/api/v1/reservations/seats/" + seatId, token,
				Map.of("concertId", concert.toString(), "concertDateId", dateId));
		assertThat(held.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(held.getBody().get("status").asString()).isEqualTo("HELD");
		assertThat(held.getBody().get("seatId").asLong()).isEqualTo(seatId);
		assertThat(held.getBody().get("price").asLong()).isEqualTo(1_000);
		assertThat(held.getBody().has("expiresAt")).isTrue();
		String reservationId = held.getBody().get("reservationId").asString();

		JsonNode seatsAfterHold = api.get("/api/v1/concerts/" + concert + "/dates/" + dateId + "/seats", token)
			.getBody();
		assertThat(seatsAfterHold).hasSize(9);

		ResponseEntity<JsonNode> paid = api.post("/api/v1/payments/" + reservationId, token, null);
		assertThat(paid.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(paid.getBody().get("reservationId").asString()).isEqualTo(reservationId);
		assertThat(paid.getBody().get("amount").asLong()).isEqualTo(1_000);
		assertThat(paid.getBody().has("paymentId")).isTrue();
		assertThat(paid.getBody().has("status")).isTrue();

		JsonNode balance = api.get("/api/v1/users/" + user + "/points", null).getBody();
		assertThat(balance.get("balance").asLong()).isEqualTo(4_000);
		assertThat(balance.get("userId").asString()).isEqualTo(user.toString());

		assertThat(api.get("/api/v1/queue/concerts/" + concert, token).getBody().get("status").asString())
			.as("a paid user's slot is released at once")
			.isEqualTo("EXPIRED");
	}

	@Test
	void aUserWithTwoHoldsKeepsTheSlotUntilTheLastIsPaid() {
		Api api = api();
		ConcertId concert = this.concerts.addConcert("Two seats", "Hall",
				List.of(Instant.now().plus(Duration.ofDays(3))), 5, Points.of(1_000));
		UserId user = this.points.register(Points.of(5_000));
		String token = api.token(concert, user);
		long dateId = api.get("/api/v1/concerts/" + concert + "/dates", token)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		JsonNode seats = api.get("/api/v1/concerts/" + concert + "/dates/" + dateId + "/seats", token).getBody();
		Map<String, Object> body = Map.of("concertId", concert.toString(), "concertDateId", dateId);
		String first = api.post("/api/v1/reservations/seats/" + seats.get(0).get("seatId").asLong(), token, body)
			.getBody()
			.get("reservationId")
			.asString();
		String second = api.post("/api/v1/reservations/seats/" + seats.get(1).get("seatId").asLong(), token, body)
			.getBody()
			.get("reservationId")
			.asString();

		assertThat(api.post("/api/v1/payments/" + first, token, null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(api.get("/api/v1/queue/concerts/" + concert, token).getBody().get("status").asString())
			.isEqualTo("ACTIVE");
		assertThat(api.post("/api/v1/payments/" + second, token, null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(api.get("/api/v1/queue/concerts/" + concert, token).getBody().get("status").asString())
			.isEqualTo("EXPIRED");
		assertThat(api.get("/api/v1/users/" + user + "/points", null).getBody().get("balance").asLong())
			.isEqualTo(3_000);
	}

	@Test
	void refusalsAreProblemDocumentsWithAStableCode() {
		Api api = api();
		ResponseEntity<JsonNode> problem = api.get("/api/v1/users/not-a-uuid/points",
				TestIssuer.tokenFor(UUID.randomUUID()));
		assertThat(problem.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(problem.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(problem.getBody().get("code").asString()).isEqualTo("INVALID_ID");
	}

}
