package dev.ticketing.reservation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.SaleService;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.concert.SeatMap.Row;
import dev.ticketing.concert.SeatMap.Section;
import dev.ticketing.idempotency.Answer;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seats side by side picked by the service, over HTTP against the real PostgreSQL and
 * Redis. The cached hall lives an hour here, so a test decides exactly how stale it is.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.cache.browse-ttl=1h", "concert.limits.enabled=false" })
class BestAvailableIntegrationTests {

	private static final String PATH = "/api/v1/reservations/best-available";

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	SaleService sales;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void holdsTheAskedNumberOfSeatsSideBySideInTheSectionAndAnswersWithTheHolds() {
		OnSale sale = hall();
		String token = admittedToken(sale);

		ResponseEntity<JsonNode> answer = api().post(PATH, token, body(sale, 3, "Floor", null));

		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode holds = answer.getBody();
		assertThat(holds).hasSize(3).allSatisfy((hold) -> {
			assertThat(hold.get("status").asString()).isEqualTo("HELD");
			assertThat(hold.get("price").asLong()).isEqualTo(3_000);
			assertThat(hold.get("expiresAt").asString()).isNotBlank();
		});
		List<Place> places = places(holds);
		assertThat(places).extracting(Place::row).containsOnly("Floor/1");
		assertThat(places).extracting(Place::number)
			.as("in the front row of six, the middle three would strand a seat: either end")
			.isIn(List.of(1, 2, 3), List.of(4, 5, 6));
		assertThat(places).allSatisfy((place) -> assertThat(place.status()).isEqualTo("HELD"));
	}

	@Test
	void aPriceBandPicksAmongTheSeatsOfThatPriceInAnySection() {
		OnSale sale = hall();

		JsonNode holds = api().post(PATH, admittedToken(sale), body(sale, 2, null, 1_000L)).getBody();

		assertThat(places(holds)).extracting(Place::row).containsOnly("Balcony/1");
	}

	@Test
	void refusesWithSoldOutRatherThanSplitTheSeatsAndChangesNothing() {
		OnSale sale = hall();
		// The balcony's four seats with the second and fourth taken: two free, apart.
		this.boxOffice.hold(sale.concert(), sale.date(), new SeatId(seatOf(sale, "Balcony", 2)),
				sale.admit(new UserId(UUID.randomUUID())));
		this.boxOffice.hold(sale.concert(), sale.date(), new SeatId(seatOf(sale, "Balcony", 4)),
				sale.admit(new UserId(UUID.randomUUID())));

		ResponseEntity<JsonNode> refused = api().post(PATH, admittedToken(sale), body(sale, 2, "Balcony", null));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("SOLD_OUT");
		assertThat(reservations(sale)).isEqualTo(2);
	}

	@Test
	void picksAgainWhenACachedSeatIsGoneAndLeavesNoneOfTheFirstBlockHeld() {
		OnSale sale = this.boxOffice.concertOnSale("Stale",
				new SeatMap(List.of(new Section("Pit", List.of(new Row("1", 2, 500), new Row("2", 2, 500))))));
		String token = admittedToken(sale);
		// Asking for more seats than a row has reads the hall into the cache and holds
		// nothing.
		assertThat(api().post(PATH, token, body(sale, 3, "Pit", null)).getBody().get("code").asString())
			.isEqualTo("SOLD_OUT");
		// The front row's second seat is taken behind the cache's back.
		long taken = seatOf(sale, "Pit", 2);
		this.jdbc.update(
				"UPDATE seat SET status = 'HELD', holder_id = ?, reservation_id = ?, hold_expires_at = ?"
						+ " WHERE id = ?",
				UUID.randomUUID(), UUID.randomUUID(), java.sql.Timestamp.from(Instant.now().plus(1, ChronoUnit.HOURS)),
				taken);

		JsonNode holds = api().post(PATH, token, body(sale, 2, "Pit", null)).getBody();

		assertThat(places(holds)).extracting(Place::row).containsOnly("Pit/2");
		assertThat(
				this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, seatOf(sale, "Pit", 1)))
			.as("the front row's first seat, held with the second in one transaction, is free again")
			.isEqualTo("AVAILABLE");
		assertThat(reservations(sale)).isEqualTo(2);
	}

	@Test
	void countsEverySeatAgainstTheHoldLimit() {
		OnSale sale = hall();
		String token = admittedToken(sale);
		assertThat(api().post(PATH, token, body(sale, 3, "Floor", null)).getStatusCode()).isEqualTo(HttpStatus.OK);

		ResponseEntity<JsonNode> overLimit = api().post(PATH, token, body(sale, 2, "Floor", null));
		ResponseEntity<JsonNode> tooMany = api().post(PATH, token, body(sale, 5, "Floor", null));

		assertThat(overLimit.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(overLimit.getBody().get("code").asString()).isEqualTo("HOLD_LIMIT");
		assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(tooMany.getBody().get("code").asString()).isEqualTo("INVALID_COUNT");
		assertThat(reservations(sale)).isEqualTo(3);
	}

	@Test
	void aFanOverTheTicketCapIsRefusedWithNothingHeld() {
		OnSale sale = hall();
		this.sales.change(sale.concert(),
				ConcertChanges.of(null, null, null, null, null, null, 2, null, null, Set.of()));

		ResponseEntity<JsonNode> refused = api().post(PATH, admittedToken(sale), body(sale, 3, "Floor", null));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("TICKET_LIMIT");
		assertThat(reservations(sale)).isZero();
	}

	@Test
	void onlyAnAdmittedQueueTokenOfTheConcertHoldsAndOthersChangeNothing() {
		OnSale sale = hall();
		OnSale other = hall();
		this.sales.change(sale.concert(),
				ConcertChanges.of(null, null, null, null, 1, null, null, null, null, Set.of()));
		admittedToken(sale);
		String waiting = api().token(sale.concert(), this.boxOffice.fan(Points.of(0)));
		Map<String, Object> request = body(sale, 2, "Floor", null);

		ResponseEntity<JsonNode> none = api().anonymous().post(PATH, null, request);
		ResponseEntity<JsonNode> forged = api().post(PATH, "not-a-token", request);
		ResponseEntity<JsonNode> stillWaiting = api().post(PATH, waiting, request);
		ResponseEntity<JsonNode> otherConcert = api().post(PATH, admittedToken(other), request);

		assertThat(none.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(forged.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(stillWaiting.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(stillWaiting.getBody().get("code").asString()).isEqualTo("QUEUE_WAITING");
		assertThat(otherConcert.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(otherConcert.getBody().get("code").asString()).isEqualTo("TOKEN_CONCERT_MISMATCH");
		assertThat(reservations(sale)).isZero();
		assertThat(reservations(other)).isZero();
	}

	@Test
	void refusesMalformedRequestsWithStableCodes() {
		OnSale sale = hall();
		String token = admittedToken(sale);
		Map<String, Object> both = new HashMap<>(body(sale, 2, "Floor", null));
		both.put("price", 3_000);

		assertThat(api().post(PATH, token, both).getBody().get("code").asString()).isEqualTo("MALFORMED_BODY");
		assertThat(api().post(PATH, token, body(sale, 0, "Floor", null)).getBody().get("code").asString())
			.isEqualTo("INVALID_COUNT");
		ResponseEntity<JsonNode> noSection = api().post(PATH, token, body(sale, 2, "Nowhere", null));
		assertThat(noSection.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(noSection.getBody().get("code").asString()).isEqualTo("SECTION_NOT_FOUND");
		assertThat(reservations(sale)).isZero();
	}

	@Test
	void aRepeatWithTheSameIdempotencyKeyHoldsNothingMoreAndGetsTheFirstAnswer() {
		OnSale sale = hall();
		String token = admittedToken(sale);
		Api keyed = api().withIdempotencyKey("best-" + UUID.randomUUID());

		ResponseEntity<String> first = keyed.postForText(PATH, token, body(sale, 2, "Floor", null));
		ResponseEntity<String> repeat = keyed.postForText(PATH, token, body(sale, 2, "Floor", null));

		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(repeat.getBody()).isEqualTo(first.getBody());
		assertThat(repeat.getHeaders().getFirst(Answer.REPLAYED)).isEqualTo("true");
		assertThat(reservations(sale)).isEqualTo(2);
	}

	/** Floor: two rows of six at 3,000; Balcony: one row of four at 1,000. */
	private OnSale hall() {
		return this.boxOffice.concertOnSale("Together",
				new SeatMap(List.of(new Section("Floor", List.of(new Row("1", 6, 3_000), new Row("2", 6, 3_000))),
						new Section("Balcony", List.of(new Row("1", 4, 1_000))))));
	}

	private String admittedToken(OnSale sale) {
		return api().token(sale.concert(), this.boxOffice.fan(Points.of(0)));
	}

	private Api api() {
		return new Api(this.port);
	}

	private static Map<String, Object> body(OnSale sale, int count, String section, Long price) {
		Map<String, Object> body = new HashMap<>(sale.holdBody());
		body.put("count", count);
		if (section != null) {
			body.put("section", section);
		}
		if (price != null) {
			body.put("price", price);
		}
		return body;
	}

	private long seatOf(OnSale sale, String section, int number) {
		return sale.seats()
			.stream()
			.filter((seat) -> seat.section().equals(section) && seat.label().endsWith("-" + number))
			.findFirst()
			.orElseThrow()
			.id()
			.value();
	}

	private int reservations(OnSale sale) {
		return this.jdbc.queryForObject("SELECT count(*) FROM reservation WHERE concert_date_id = ?", Integer.class,
				sale.date().value());
	}

	private List<Place> places(JsonNode holds) {
		List<Place> places = new ArrayList<>();
		for (JsonNode hold : holds) {
			places.add(this.jdbc.queryForObject(
					"SELECT section || '/' || row_label AS row, label, status FROM seat WHERE id = ?",
					(rs, n) -> new Place(rs.getString("row"),
							Integer
								.parseInt(rs.getString("label").substring(rs.getString("label").lastIndexOf('-') + 1)),
							rs.getString("status")),
					hold.get("seatId").asLong()));
		}
		return places;
	}

	private record Place(String row, int number, String status) {
	}

}
