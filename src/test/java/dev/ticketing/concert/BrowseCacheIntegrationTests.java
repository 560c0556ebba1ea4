package dev.ticketing.concert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cached browse responses stay true: this instance's own changes show at once, and a
 * change made elsewhere (another instance, the expiry of a hold) within a second.
 */
@IntegrationTest
class BrowseCacheIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aSeatHeldHereLeavesTheListAtOnceAndComesBackWhenTheHoldIsCancelled() {
		Api api = new Api(this.port);
		Fixture f = fixture(api);
		assertThat(seatIds(api, f)).hasSize(5);
		JsonNode held = api
			.post("/api/v1/reservations/seats/" + f.seats.get(0), f.token,
					java.util.Map.of("concertId", f.concert.toString(), "concertDateId", f.date))
			.getBody();
		assertThat(seatIds(api, f)).hasSize(4).doesNotContain(f.seats.get(0));
		assertThat(dateFreeSeats(api, f)).isEqualTo(4);

		api.delete("/api/v1/reservations/" + held.get("reservationId").asString(), f.token);
		assertThat(seatIds(api, f)).hasSize(5).contains(f.seats.get(0));
	}

	@Test
	void aSeatTakenElsewhereLeavesTheListWithinASecondAndComesBackWithinASecondOnceFree() {
		Api api = new Api(this.port);
		Fixture f = fixture(api);
		assertThat(seatIds(api, f)).hasSize(5);
		// Another instance's hold: only the database knows.
		this.jdbc.update(
				"UPDATE seat SET status = 'HELD', holder_id = ?, reservation_id = ?, hold_expires_at = ? WHERE id = ?",
				UUID.randomUUID(), UUID.randomUUID(), java.sql.Timestamp.from(Instant.now().plusSeconds(60)),
				f.seats.get(1));
		long taken = System.nanoTime();
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> !seatIds(api, f).contains(f.seats.get(1)));
		assertThat(Duration.ofNanos(System.nanoTime() - taken)).isLessThan(Duration.ofSeconds(1));

		this.jdbc.update("UPDATE seat SET status = 'AVAILABLE', holder_id = NULL, reservation_id = NULL,"
				+ " hold_expires_at = NULL WHERE id = ?", f.seats.get(1));
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> seatIds(api, f).contains(f.seats.get(1)));
	}

	private List<Long> seatIds(Api api, Fixture f) {
		JsonNode seats = api.get("/api/v1/concerts/" + f.concert + "/dates/" + f.date + "/seats", f.token).getBody();
		List<Long> ids = new ArrayList<>();
		seats.forEach((s) -> ids.add(s.get("seatId").asLong()));
		return ids;
	}

	private int dateFreeSeats(Api api, Fixture f) {
		return api.get("/api/v1/concerts/" + f.concert + "/dates", f.token)
			.getBody()
			.get(0)
			.get("availableSeats")
			.asInt();
	}

	private Fixture fixture(Api api) {
		OnSale sale = this.boxOffice.concertOnSale("Cache", Duration.ofDays(2), 5, Points.of(100));
		UserId user = this.boxOffice.fan(Points.of(10_000));
		List<Long> seats = sale.seatIds().stream().map(SeatId::value).toList();
		return new Fixture(sale.concert(), sale.date().value(), seats, api.token(sale.concert(), user));
	}

	record Fixture(ConcertId concert, long date, List<Long> seats, String token) {
	}

}
