package dev.ticketing.concert;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Race;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organiser's concerts and seat maps over HTTP against PostgreSQL and Redis: who may
 * call, what is refused, each step of a sale, and what fans see of it.
 */
@IntegrationTest
class OrganiserConcertsIntegrationTests {

	static final String CONCERTS = "/api/v1/organiser/concerts";

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	JdbcTemplate jdbc;

	Api api() {
		return new Api(this.port);
	}

	@Test
	void onlyOrganisersMayCallAndARefusedCallChangesNothing() {
		String concert = createConcert(Map.of());
		String date = addDate(concert, oneRow(3, 100));
		long concerts = count("concert");
		long seats = count("seat");
		String fan = TestIssuer.tokenFor(UUID.randomUUID());
		Map<String, Object> body = concertBody(Map.of());
		Map<String, Object> dateBody = dateBody(oneRow(3, 100));
		for (String token : new String[] { null, fan }) {
			int expected = (token == null) ? 401 : 403;
			Api api = (token == null) ? api().anonymous() : api().signedInWith(token);
			assertThat(api.post(CONCERTS, token, body).getStatusCode().value()).isEqualTo(expected);
			assertThat(api.get(CONCERTS, token).getStatusCode().value()).isEqualTo(expected);
			assertThat(api.patch(CONCERTS + "/" + concert, token, Map.of("status", "ON_SALE")).getStatusCode().value())
				.isEqualTo(expected);
			assertThat(api.post(CONCERTS + "/" + concert + "/dates", token, dateBody).getStatusCode().value())
				.isEqualTo(expected);
			assertThat(api.put(CONCERTS + "/" + concert + "/dates/" + date, token, dateBody).getStatusCode().value())
				.isEqualTo(expected);
		}
		assertThat(count("concert")).isEqualTo(concerts);
		assertThat(count("seat")).isEqualTo(seats);
		assertThat(organiser(CONCERTS + "/" + concert).get("status").asString()).isEqualTo("DRAFT");
	}

	@Test
	void aNewConcertIsADraftThatFansCannotSeeOrQueueFor() {
		ResponseEntity<JsonNode> created = api().post(CONCERTS, ORGANISER, concertBody(Map.of()));
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(created.getBody().get("status").asString()).isEqualTo("DRAFT");
		String concert = created.getBody().get("concertId").asString();
		assertThat(fansList()).doesNotContain(concert);
		UserId fan = this.boxOffice.fan(Points.ZERO);
		assertThat(
				api().post("/api/v1/queue/concerts/" + concert + "/users/" + fan, null, null).getStatusCode().value())
			.isEqualTo(404);
	}

	static Stream<Arguments> badConcerts() {
		return Stream.of(Arguments.of(Map.of("title", ""), "INVALID_CONCERT"),
				Arguments.of(Map.of("venue", "  "), "INVALID_CONCERT"),
				Arguments.of(Map.of("timeZone", "Mars/Olympus"), "INVALID_TIME_ZONE"),
				Arguments.of(Map.of("timeZone", ""), "INVALID_TIME_ZONE"),
				Arguments.of(Map.of("saleOpensAt", Instant.now().minus(Duration.ofHours(1)).toString()),
						"SALE_OPENS_IN_PAST"),
				Arguments.of(Map.of("queue", Map.of("maxActive", 0)), "INVALID_QUEUE_SETTINGS"),
				Arguments.of(Map.of("queue", Map.of("admitPerSecond", -1)), "INVALID_QUEUE_SETTINGS"));
	}

	@ParameterizedTest
	@MethodSource("badConcerts")
	void refusesABadConcertWith400AndCreatesNothing(Map<String, Object> override, String code) {
		long before = count("concert");
		ResponseEntity<JsonNode> refused = api().post(CONCERTS, ORGANISER, concertBody(override));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody().get("code").asString()).isEqualTo(code);
		assertThat(count("concert")).isEqualTo(before);
	}

	static Stream<Arguments> badSeatMaps() {
		return Stream.of(Arguments.of(List.of(), "INVALID_SEAT_MAP"),
				Arguments.of(List.of(section("", List.of(row("1", 5, 100)))), "INVALID_SEAT_MAP"),
				Arguments.of(List.of(section("A", List.of(row("", 5, 100)))), "INVALID_SEAT_MAP"),
				Arguments.of(List.of(section("A", List.of(row("1", 5, -1)))), "INVALID_PRICE"),
				Arguments.of(List.of(section("A", List.of(row("1", 0, 100)))), "INVALID_SEAT_MAP"),
				Arguments.of(List.of(section("A", List.of(row("1", 1_000_000, 100)))), "TOO_MANY_SEATS"),
				Arguments.of(List.of(section("A", List.of(row("1", 60_000, 100))),
						section("B", List.of(row("1", 40_001, 100)))), "TOO_MANY_SEATS"),
				Arguments.of(List.of(section("A", List.of(row("1", 5, 100))), section("A", List.of(row("2", 5, 100)))),
						"INVALID_SEAT_MAP"));
	}

	@ParameterizedTest
	@MethodSource("badSeatMaps")
	void refusesABadSeatMapWith400AndCreatesNoSeat(List<Map<String, Object>> sections, String code) {
		String concert = createConcert(Map.of());
		long before = count("seat");
		ResponseEntity<JsonNode> refused = api().post(CONCERTS + "/" + concert + "/dates", ORGANISER,
				dateBody(sections));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody().get("code").asString()).isEqualTo(code);
		assertThat(count("seat")).isEqualTo(before);
		assertThat(count("concert_date")).isEqualTo(count("concert_date"));
	}

	@Test
	void aConcertNamesTheStepsItsSaleMayTakeNext() {
		String concert = createConcert(Map.of());
		assertThat(nextStatuses(concert)).containsExactly("ON_SALE");
		status(concert, "ON_SALE");
		assertThat(nextStatuses(concert)).containsExactly("PAUSED", "CLOSED");
		status(concert, "PAUSED");
		assertThat(nextStatuses(concert)).containsExactly("ON_SALE", "CLOSED");
		status(concert, "CLOSED");
		assertThat(nextStatuses(concert)).isEmpty();
	}

	@Test
	void aSaleGoesOnSalePausesResumesAndClosesAndRefusesEveryOtherStep() {
		String concert = createConcert(Map.of());
		assertThat(status(concert, "PAUSED")).isEqualTo(409);
		assertThat(status(concert, "CLOSED")).isEqualTo(409);
		assertThat(status(concert, "ON_SALE")).isEqualTo(200);
		assertThat(status(concert, "DRAFT")).isEqualTo(409);
		assertThat(status(concert, "PAUSED")).isEqualTo(200);
		assertThat(status(concert, "DRAFT")).isEqualTo(409);
		assertThat(status(concert, "ON_SALE")).isEqualTo(200);
		assertThat(status(concert, "CLOSED")).isEqualTo(200);
		assertThat(status(concert, "ON_SALE")).isEqualTo(409);
		assertThat(status(concert, "PAUSED")).isEqualTo(409);
		ResponseEntity<JsonNode> illegal = api().patch(CONCERTS + "/" + concert, ORGANISER,
				Map.of("status", "DRAFT", "title", "Renamed"));
		assertThat(illegal.getBody().get("code").asString()).isEqualTo("ILLEGAL_TRANSITION");
		assertThat(organiser(CONCERTS + "/" + concert).get("title").asString()).as("nothing changed on refusal")
			.isEqualTo("Spring Night");
		assertThat(api().patch(CONCERTS + "/" + concert, ORGANISER, Map.of("status", "SOLD_OUT"))
			.getBody()
			.get("code")
			.asString()).isEqualTo("INVALID_STATUS");
	}

	@Test
	void organisersClosingAndResumingAPausedSaleAtOnceAlwaysLeaveItClosed() {
		for (int round = 0; round < 5; round++) {
			String concert = createConcert(Map.of());
			status(concert, "ON_SALE");
			status(concert, "PAUSED");
			List<Race.Outcome<Integer>> outcomes = Race.run(2, (i) -> status(concert, (i == 0) ? "CLOSED" : "ON_SALE"));
			assertThat(outcomes.get(0).value()).isEqualTo(200);
			assertThat(outcomes.get(1).value()).as("resumed first, or refused once closed").isIn(200, 409);
			assertThat(organiser(CONCERTS + "/" + concert).get("status").asString()).isEqualTo("CLOSED");
		}
	}

	@Test
	void aPatchChangesOnlyTheFieldsItNames() {
		String concert = createConcert(Map.of());
		Instant opens = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
		JsonNode changed = api()
			.patch(CONCERTS + "/" + concert, ORGANISER,
					Map.of("venue", "Olympic Hall", "saleOpensAt", opens.toString(), "queue", Map.of("maxActive", 7)))
			.getBody();
		assertThat(changed.get("title").asString()).isEqualTo("Spring Night");
		assertThat(changed.get("venue").asString()).isEqualTo("Olympic Hall");
		assertThat(Instant.parse(changed.get("saleOpensAt").asString())).isEqualTo(opens);
		assertThat(changed.get("queue").get("maxActive").asInt()).isEqualTo(7);
		assertThat(changed.get("timeZone").asString()).isEqualTo("Asia/Seoul");
	}

	@Test
	void aPatchWithNullTakesAwayTheOpeningAndTheQueueSettingsAndLeavesTheRest() {
		Instant opens = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
		String concert = createConcert(
				Map.of("saleOpensAt", opens.toString(), "queue", Map.of("maxActive", 7, "admitPerSecond", 3.0)));
		Map<String, Object> queue = new HashMap<>();
		queue.put("maxActive", null);
		Map<String, Object> patch = new HashMap<>();
		patch.put("saleOpensAt", null);
		patch.put("queue", queue);
		JsonNode changed = api().patch(CONCERTS + "/" + concert, ORGANISER, patch).getBody();
		assertThat(changed.path("saleOpensAt").isMissingNode() || changed.path("saleOpensAt").isNull()).as("no opening")
			.isTrue();
		JsonNode maxActive = changed.get("queue").path("maxActive");
		assertThat(maxActive.isMissingNode() || maxActive.isNull()).as("no cap of its own").isTrue();
		assertThat(changed.get("queue").get("admitPerSecond").asDouble()).as("left out, so kept").isEqualTo(3.0);
		assertThat(changed.get("title").asString()).isEqualTo("Spring Night");
	}

	@Test
	void fansSeeAConcertOnSaleWithItsDatesPriceRangeAndSeatsPlacedInTheHall() {
		String concert = createConcert(Map.of());
		String date = addDate(concert, List.of(section("Floor", List.of(row("1", 3, 150_000), row("2", 2, 120_000))),
				section("Balcony", List.of(row("A", 4, 60_000)))));
		assertThat(status(concert, "ON_SALE")).isEqualTo(200);
		JsonNode listed = fansConcert(concert);
		assertThat(listed.get("status").asString()).isEqualTo("ON_SALE");
		assertThat(listed.get("minPrice").asLong()).isEqualTo(60_000);
		assertThat(listed.get("maxPrice").asLong()).isEqualTo(150_000);
		assertThat(listed.get("dates")).hasSize(1);
		assertThat(listed.get("dates").get(0).get("concertDateId").asString()).isEqualTo(date);
		assertThat(listed.get("dates").get(0).get("totalSeats").asInt()).isEqualTo(9);

		UserId fan = this.boxOffice.fan(Points.ZERO);
		String token = api().token(concert, fan);
		String seats = "/api/v1/concerts/" + concert + "/dates/" + date + "/seats";
		JsonNode all = api().get(seats, token).getBody();
		assertThat(all).hasSize(9);
		assertThat(all.get(0).get("seatNumber").asInt()).isEqualTo(1);
		assertThat(all.get(0).get("label").asString()).isEqualTo("Floor-1-1");
		assertThat(all.get(4).get("label").asString()).isEqualTo("Floor-2-2");
		assertThat(all.get(4).get("price").asLong()).isEqualTo(120_000);
		assertThat(all.get(5).get("section").asString()).isEqualTo("Balcony");
		assertThat(all.get(5).get("row").asString()).isEqualTo("A");
		JsonNode balcony = api().get(seats + "?section=Balcony", token).getBody();
		assertThat(balcony).hasSize(4).allSatisfy((s) -> assertThat(s.get("section").asString()).isEqualTo("Balcony"));

		long seat = all.get(0).get("seatId").asLong();
		assertThat(hold(token, concert, date, seat).getStatusCode().value()).isEqualTo(200);
		assertThat(api().get(seats, token).getBody()).as("the seed's list: free seats only").hasSize(8);
		JsonNode map = api().get("/api/v1/concerts/" + concert + "/dates/" + date + "/seat-map", token).getBody();
		assertThat(map).hasSize(9);
		assertThat(map.get(0).get("status").asString()).isEqualTo("HELD");
		assertThat(map.get(1).get("status").asString()).isEqualTo("AVAILABLE");
	}

	@Test
	void aFanSeesEachDatesDayOnTheConcertsClock() {
		String concert = createConcert(Map.of("timeZone", "Asia/Seoul"));
		// 01:00 in Seoul, still the day before in UTC.
		LocalDate day = LocalDate.now(ZoneId.of("Asia/Seoul")).plusDays(40);
		Instant startsAt = day.atTime(1, 0).atZone(ZoneId.of("Asia/Seoul")).toInstant();
		assertThat(LocalDate.ofInstant(startsAt, ZoneOffset.UTC)).isEqualTo(day.minusDays(1));
		ResponseEntity<JsonNode> added = api().post(CONCERTS + "/" + concert + "/dates", ORGANISER,
				Map.of("startsAt", startsAt.toString(), "sections", oneRow(2, 1_000)));
		assertThat(added.getStatusCode().value()).isEqualTo(201);
		assertThat(status(concert, "ON_SALE")).isEqualTo(200);
		UserId fan = this.boxOffice.fan(Points.ZERO);
		String token = api().token(concert, fan);

		JsonNode dates = api().get("/api/v1/concerts/" + concert + "/dates", token).getBody();

		assertThat(dates.get(0).get("date").asString()).isEqualTo(day.toString());
		assertThat(Instant.parse(dates.get(0).get("startsAt").asString())).isEqualTo(startsAt);
	}

	@Test
	void aClosedSaleRefusesNewHoldsAndIsNoLongerListed() {
		String concert = createConcert(Map.of());
		String date = addDate(concert, oneRow(2, 100));
		status(concert, "ON_SALE");
		UserId fan = this.boxOffice.fan(Points.ZERO);
		String token = api().token(concert, fan);
		long seat = api().get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", token)
			.getBody()
			.get(0)
			.get("seatId")
			.asLong();
		assertThat(status(concert, "CLOSED")).isEqualTo(200);
		ResponseEntity<JsonNode> refused = hold(token, concert, date, seat);
		assertThat(refused.getStatusCode().value()).isEqualTo(409);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("SALE_CLOSED");
		assertThat(this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, seat))
			.isEqualTo("AVAILABLE");
		assertThat(fansList()).doesNotContain(concert);
	}

	@Test
	void aPausedSaleKeepsItsLineButAdmitsNobodyUntilItResumes() {
		String concert = createConcert(Map.of("queue", Map.of("maxActive", 1)));
		addDate(concert, oneRow(2, 100));
		status(concert, "ON_SALE");
		String first = api().token(concert, this.boxOffice.fan(Points.ZERO));
		String second = api().token(concert, this.boxOffice.fan(Points.ZERO));
		assertThat(queueStatus(concert, first)).isEqualTo("ACTIVE");
		assertThat(queueStatus(concert, second)).as("the concert's own cap of 1").isEqualTo("WAITING");
		status(concert, "PAUSED");
		api().delete("/api/v1/queue/concerts/" + concert, first);
		assertThat(queueStatus(concert, second)).as("a freed slot stays empty while paused").isEqualTo("WAITING");
		status(concert, "ON_SALE");
		assertThat(queueStatus(concert, second)).isEqualTo("ACTIVE");
	}

	@Test
	void raisingTheConcertsCapAdmitsTheNextInLineAtOnce() {
		String concert = createConcert(Map.of("queue", Map.of("maxActive", 1)));
		addDate(concert, oneRow(2, 100));
		status(concert, "ON_SALE");
		api().token(concert, this.boxOffice.fan(Points.ZERO));
		String second = api().token(concert, this.boxOffice.fan(Points.ZERO));
		assertThat(queueStatus(concert, second)).isEqualTo("WAITING");
		api().patch(CONCERTS + "/" + concert, ORGANISER, Map.of("queue", Map.of("maxActive", 2)));
		assertThat(queueStatus(concert, second)).isEqualTo("ACTIVE");
	}

	@Test
	void createsAHundredThousandSeatsInBatches() {
		String concert = createConcert(Map.of());
		List<Map<String, Object>> sections = new ArrayList<>();
		for (int s = 0; s < 10; s++) {
			List<Map<String, Object>> rows = new ArrayList<>();
			for (int r = 1; r <= 20; r++) {
				rows.add(row(Integer.toString(r), 500, 10_000 * (s + 1)));
			}
			sections.add(section("S" + s, rows));
		}
		long started = System.nanoTime();
		ResponseEntity<JsonNode> created = api().post(CONCERTS + "/" + concert + "/dates", ORGANISER,
				dateBody(sections));
		long millis = (System.nanoTime() - started) / 1_000_000;
		System.out.println("Created a date of 100,000 seats in " + millis + " ms");
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		assertThat(created.getBody().get("totalSeats").asInt()).isEqualTo(100_000);
		long date = created.getBody().get("concertDateId").asLong();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM seat WHERE concert_date_id = ?", Long.class, date))
			.isEqualTo(100_000);
		assertThat(this.jdbc.queryForObject("SELECT label FROM seat WHERE concert_date_id = ? AND seat_number = 100000",
				String.class, date))
			.isEqualTo("S9-20-500");
	}

	@Test
	void aSeatMapChangesWhileNoSeatIsHeldAndIsRefusedOnceOneIs() {
		String concert = createConcert(Map.of());
		String date = addDate(concert, oneRow(3, 100));
		status(concert, "ON_SALE");
		ResponseEntity<JsonNode> changed = api().put(CONCERTS + "/" + concert + "/dates/" + date, ORGANISER,
				dateBody(oneRow(4, 250)));
		assertThat(changed.getStatusCode().value()).isEqualTo(200);
		assertThat(changed.getBody().get("totalSeats").asInt()).isEqualTo(4);
		UserId fan = this.boxOffice.fan(Points.ZERO);
		String token = api().token(concert, fan);
		JsonNode seats = api().get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", token).getBody();
		assertThat(seats).hasSize(4).allSatisfy((s) -> assertThat(s.get("price").asLong()).isEqualTo(250));
		assertThat(hold(token, concert, date, seats.get(0).get("seatId").asLong()).getStatusCode().value())
			.isEqualTo(200);
		ResponseEntity<JsonNode> refused = api().put(CONCERTS + "/" + concert + "/dates/" + date, ORGANISER,
				dateBody(oneRow(4, 999)));
		assertThat(refused.getStatusCode().value()).isEqualTo(409);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("SEAT_MAP_IN_USE");
		assertThat(this.jdbc.queryForList("SELECT price FROM seat WHERE concert_date_id = ?", Long.class,
				Long.parseLong(date)))
			.as("nothing changed")
			.hasSize(4)
			.containsOnly(250L);
	}

	@Test
	void aPriceChangeRacingAHoldLeavesEitherTheHoldOrTheNewPricesNeverBoth() {
		for (int round = 0; round < 5; round++) {
			String concert = createConcert(Map.of());
			String date = addDate(concert, oneRow(1, 100));
			status(concert, "ON_SALE");
			String token = api().token(concert, this.boxOffice.fan(Points.ZERO));
			long seat = api().get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", token)
				.getBody()
				.get(0)
				.get("seatId")
				.asLong();
			List<Race.Outcome<Integer>> outcomes = Race
				.run(2, (i) -> (i == 0) ? hold(token, concert, date, seat).getStatusCode().value()
						: api().put(CONCERTS + "/" + concert + "/dates/" + date, ORGANISER, dateBody(oneRow(1, 999)))
							.getStatusCode()
							.value());
			int held = outcomes.get(0).value();
			int changed = outcomes.get(1).value();
			List<Map<String, Object>> rows = this.jdbc
				.queryForList("SELECT id, price, status FROM seat WHERE concert_date_id = ?", Long.parseLong(date));
			assertThat(rows).hasSize(1);
			if (held == 200) {
				assertThat(changed).isEqualTo(409);
				assertThat(rows.get(0)).containsEntry("price", 100L).containsEntry("status", "HELD");
			}
			else {
				assertThat(changed).isEqualTo(200);
				assertThat(held).isIn(404, 409);
				assertThat(rows.get(0)).containsEntry("price", 999L).containsEntry("status", "AVAILABLE");
				assertThat(count("reservation WHERE seat_id = " + seat)).isZero();
			}
		}
	}

	private int status(String concert, String status) {
		return api().patch(CONCERTS + "/" + concert, ORGANISER, Map.of("status", status)).getStatusCode().value();
	}

	private List<String> nextStatuses(String concert) {
		List<String> next = new ArrayList<>();
		organiser(CONCERTS + "/" + concert).get("nextStatuses").forEach((status) -> next.add(status.asString()));
		return next;
	}

	private String queueStatus(String concert, String token) {
		return api().get("/api/v1/queue/concerts/" + concert, token).getBody().get("status").asString();
	}

	private ResponseEntity<JsonNode> hold(String token, String concert, String date, long seat) {
		return api().post("/api/v1/reservations/seats/" + seat, token,
				Map.of("concertId", concert, "concertDateId", Long.parseLong(date)));
	}

	private JsonNode organiser(String path) {
		return api().get(path, ORGANISER).getBody();
	}

	private List<String> fansList() {
		List<String> ids = new ArrayList<>();
		api().get("/api/v1/concerts", null).getBody().forEach((c) -> ids.add(c.get("concertId").asString()));
		return ids;
	}

	private JsonNode fansConcert(String concert) {
		for (JsonNode listed : api().get("/api/v1/concerts", null).getBody()) {
			if (listed.get("concertId").asString().equals(concert)) {
				return listed;
			}
		}
		throw new AssertionError("Concert " + concert + " is not listed");
	}

	private long count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
	}

	String createConcert(Map<String, Object> override) {
		ResponseEntity<JsonNode> created = api().post(CONCERTS, ORGANISER, concertBody(override));
		assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
		return created.getBody().get("concertId").asString();
	}

	String addDate(String concert, List<Map<String, Object>> sections) {
		ResponseEntity<JsonNode> created = api().post(CONCERTS + "/" + concert + "/dates", ORGANISER,
				dateBody(sections));
		assertThat(created.getStatusCode().value()).as(String.valueOf(created.getBody())).isEqualTo(201);
		return created.getBody().get("concertDateId").asString();
	}

	static Map<String, Object> concertBody(Map<String, Object> override) {
		// No opening: on sale as soon as it is ON_SALE, so fans are admitted at once.
		Map<String, Object> body = new HashMap<>(
				Map.of("title", "Spring Night", "venue", "Seoul Arts Center", "timeZone", "Asia/Seoul"));
		body.putAll(override);
		return body;
	}

	static Map<String, Object> dateBody(List<Map<String, Object>> sections) {
		return Map.of("startsAt", Instant.now().plus(Duration.ofDays(30)).toString(), "sections", sections);
	}

	static List<Map<String, Object>> oneRow(int seats, long price) {
		return List.of(section("A", List.of(row("1", seats, price))));
	}

	static Map<String, Object> section(String name, List<Map<String, Object>> rows) {
		return Map.of("name", name, "rows", rows);
	}

	static Map<String, Object> row(String label, int seats, long price) {
		return Map.of("label", label, "seats", seats, "price", price);
	}

}
