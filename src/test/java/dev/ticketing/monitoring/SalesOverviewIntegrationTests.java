package dev.ticketing.monitoring;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organiser's sales overview tells, per date and section, what is free, held, sold
 * and refunded and what it brought in, and how the line stands; only to organisers.
 */
@IntegrationTest
class SalesOverviewIntegrationTests {

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	PointService points;

	@Test
	void countsEachSectionsSeatsByStateWithItsRevenueAndTheLine() {
		Api api = new Api(this.port);
		String concert = api
			.post("/api/v1/organiser/concerts", ORGANISER,
					Map.of("title", "Overview", "venue", "Hall", "timeZone", "Europe/Berlin"))
			.getBody()
			.get("concertId")
			.asString();
		long date = api
			.post("/api/v1/organiser/concerts/" + concert + "/dates", ORGANISER, Map.of("startsAt",
					Instant.now().plus(Duration.ofDays(20)).toString(), "sections",
					List.of(Map.of("name", "Floor", "rows", List.of(Map.of("label", "1", "seats", 3, "price", 500))),
							Map.of("name", "Balcony", "rows",
									List.of(Map.of("label", "1", "seats", 2, "price", 200))))))
			.getBody()
			.get("concertDateId")
			.asLong();
		api.patch("/api/v1/organiser/concerts/" + concert, ORGANISER, Map.of("status", "ON_SALE"));
		UserId fan = this.points.register(Points.of(10_000));
		String token = api.token(concert, fan);
		JsonNode seats = api.get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", token).getBody();
		String sold = hold(api, token, concert, date, seats.get(0).get("seatId").asLong());
		String refunded = hold(api, token, concert, date, seats.get(1).get("seatId").asLong());
		hold(api, token, concert, date, seats.get(3).get("seatId").asLong());
		api.post("/api/v1/payments/" + sold, token, null);
		token = api.token(concert, fan);
		api.post("/api/v1/payments/" + refunded, token, null);
		api.post("/api/v1/organiser/reservations/" + refunded + "/refund", ORGANISER, null);

		String path = "/api/v1/organiser/concerts/" + concert + "/sales";
		assertThat(api.anonymous().get(path, null).getStatusCode().value()).isEqualTo(401);
		assertThat(api.get(path, TestIssuer.tokenFor(fan)).getStatusCode().value()).isEqualTo(403);
		JsonNode overview = api.get(path, ORGANISER).getBody();
		JsonNode sections = overview.get("dates").get(0).get("sections");
		JsonNode balcony = sections.get(0);
		JsonNode floor = sections.get(1);
		assertThat(floor.get("section").asString()).isEqualTo("Floor");
		assertThat(floor.get("total").asInt()).isEqualTo(3);
		assertThat(floor.get("sold").asInt()).isEqualTo(1);
		assertThat(floor.get("refunded").asInt()).isEqualTo(1);
		assertThat(floor.get("available").asInt()).isEqualTo(2);
		assertThat(floor.get("held").asInt()).isZero();
		assertThat(floor.get("revenue").asLong()).isEqualTo(500);
		assertThat(balcony.get("section").asString()).isEqualTo("Balcony");
		assertThat(balcony.get("held").asInt()).isEqualTo(1);
		assertThat(balcony.get("available").asInt()).isEqualTo(1);
		assertThat(balcony.get("revenue").asLong()).isZero();
		assertThat(overview.get("line").get("admissions").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(overview.get("line").has("waiting")).isTrue();
		assertThat(api.get("/api/v1/organiser/concerts/" + UUID.randomUUID() + "/sales", ORGANISER)
			.getStatusCode()
			.value()).isEqualTo(404);
	}

	private static String hold(Api api, String token, String concert, long date, long seat) {
		return api
			.post("/api/v1/reservations/seats/" + seat, token, Map.of("concertId", concert, "concertDateId", date))
			.getBody()
			.get("reservationId")
			.asString();
	}

}
