package dev.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.Instances;
import dev.ticketing.support.Race;
import dev.ticketing.support.TestIssuer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One fan's holds of a capped concert through two instances at once, on both of its
 * dates, end at the cap exactly, the paid ticket counted: the cap holds in PostgreSQL,
 * not in either instance.
 */
class TicketsPerFanTwoInstancesIntegrationTests {

	static final Instances instances = new Instances("fancap");

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	static ConfigurableApplicationContext first;

	static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoInstances() {
		first = start();
		second = start();
	}

	@AfterAll
	static void stop() {
		instances.close();
	}

	@Test
	void oneFansHoldsOnBothDatesThroughBothInstancesEndAtTheCapWithThePaidTicketCounted() {
		Api one = Instances.api(first);
		Api two = Instances.api(second);
		String concert = one
			.post("/api/v1/organiser/concerts", ORGANISER,
					Map.of("title", "Fair", "venue", "Hall", "timeZone", "UTC", "ticketsPerFan", 3))
			.getBody()
			.get("concertId")
			.asString();
		List<Long> dates = new ArrayList<>();
		for (int d = 0; d < 2; d++) {
			dates.add(one
				.post("/api/v1/organiser/concerts/" + concert + "/dates", ORGANISER,
						Map.of("startsAt", Instant.now().plus(Duration.ofDays(9 + d)).toString(), "sections",
								List.of(Map.of("name", "A", "rows",
										List.of(Map.of("label", "1", "seats", 20, "price", 10))))))
				.getBody()
				.get("concertDateId")
				.asLong());
		}
		one.patch("/api/v1/organiser/concerts/" + concert, ORGANISER, Map.of("status", "ON_SALE"));
		UserId fan = BoxOffice.of(first).fan(Points.of(10_000));
		String paying = two.token(concert, fan);
		List<Long> firstSeats = seats(two, concert, dates.get(0), paying);
		List<Long> secondSeats = seats(two, concert, dates.get(1), paying);
		String held = hold(two, paying, concert, dates.get(0), firstSeats.getFirst()).getBody()
			.get("reservationId")
			.asString();
		assertThat(one.post("/api/v1/payments/" + held, paying, null).getStatusCode().value()).isEqualTo(200);
		String token = one.token(concert, fan);

		List<Race.Outcome<Integer>> outcomes = Race.run(36, (i) -> {
			Api api = (i % 2 == 0) ? one : two;
			// A seat of its own for each contender, half of them on each date.
			boolean onFirst = (i % 4) < 2;
			long date = onFirst ? dates.get(0) : dates.get(1);
			List<Long> seats = onFirst ? firstSeats : secondSeats;
			ResponseEntity<JsonNode> answer = hold(api, token, concert, date, seats.get(1 + (i / 4) * 2 + i % 2));
			int status = answer.getStatusCode().value();
			if (status != 200) {
				assertThat(status).isEqualTo(409);
				assertThat(answer.getBody().get("code").asString()).isEqualTo("TICKET_LIMIT");
			}
			return status;
		});

		assertThat(Race.Outcome.failures(outcomes)).isEmpty();
		assertThat(Race.Outcome.values(outcomes)).filteredOn((status) -> status == 200)
			.as("two holds beside the paid ticket")
			.hasSize(2);
		JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
		assertThat(
				jdbc.queryForObject("SELECT count(*) FROM reservation WHERE user_id = ? AND status IN ('HELD', 'PAID')",
						Long.class, fan.value()))
			.isEqualTo(3);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM seat WHERE status <> 'AVAILABLE'", Long.class))
			.isEqualTo(3);
	}

	private static ResponseEntity<JsonNode> hold(Api api, String token, String concert, long date, long seat) {
		return api.post("/api/v1/reservations/seats/" + seat, token,
				Map.of("concertId", concert, "concertDateId", date));
	}

	private static List<Long> seats(Api api, String concert, long date, String token) {
		List<Long> ids = new ArrayList<>();
		api.get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", token)
			.getBody()
			.forEach((s) -> ids.add(s.get("seatId").asLong()));
		return ids;
	}

	private static ConfigurableApplicationContext start() {
		// One fan holding in a tight loop is far past any rate limit; the limits have
		// tests of their own.
		return instances.start("--concert.limits.enabled=false", "--concert.reservation.max-holds-per-user=4");
	}

}
