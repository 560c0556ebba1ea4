package dev.ticketing.concert;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.QueuePass;
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
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hall by section and one section's seats against the real PostgreSQL: what they say
 * right after each change of a seat, a 304 without a body while nothing changed, a new
 * version after a hold, a payment, a cancellation, a hold running out (no sweep) and a
 * refund, and only for an ACTIVE queue token of the concert. The browse cache keeps
 * answers for an hour here, so only the change itself can make the next answer differ.
 */
@IntegrationTest
@Import(MutableClockConfiguration.class)
@TestPropertySource(properties = { "concert.cache.browse-ttl=1h", "concert.reservation.sweep-interval=1h" })
class HallIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ConcertService concerts;

	@Autowired
	ReservationService reservations;

	@Autowired
	RefundService refunds;

	@Autowired
	MutableClock clock;

	@Autowired
	ObjectMapper json;

	@Test
	void theHallListsSectionsWithPricesFreeSeatsAndPlaceAndASectionItsRowsIdsAndStates() throws Exception {
		Hall hall = hall("Sections");

		HttpResponse<String> answer = get(hall.path("/hall"), token(hall), null);
		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.headers().firstValue("ETag"))
			.hasValueSatisfying((tag) -> assertThat(tag).matches("W/\"\\w+\""));
		JsonNode body = this.json.readTree(answer.body());
		assertThat(body.get("totalSeats").asInt()).isEqualTo(11);
		assertThat(body.get("availableSeats").asInt()).isEqualTo(11);
		assertThat(body.get("columns").asInt()).isEqualTo(2);
		JsonNode floor = body.get("sections").get(0);
		assertThat(floor.get("index").asInt()).isZero();
		assertThat(floor.get("name").asString()).isEqualTo("Floor");
		assertThat(floor.get("minPrice").asLong()).isEqualTo(1_500);
		assertThat(floor.get("maxPrice").asLong()).isEqualTo(2_000);
		assertThat(floor.get("totalSeats").asInt()).isEqualTo(8);
		assertThat(floor.get("availableSeats").asInt()).isEqualTo(8);
		assertThat(floor.get("column").asInt()).isEqualTo(1);
		assertThat(floor.get("row").asInt()).isEqualTo(1);
		JsonNode balcony = body.get("sections").get(1);
		assertThat(balcony.get("name").asString()).isEqualTo("Balcony");
		assertThat(balcony.get("column").asInt()).isEqualTo(2);
		assertThat(balcony.get("totalSeats").asInt()).isEqualTo(3);

		JsonNode section = this.json.readTree(get(hall.path("/sections/0/seats-state"), token(hall), null).body());
		assertThat(section.get("name").asString()).isEqualTo("Floor");
		assertThat(section.get("states").asString()).isEqualTo("AAAAAAAA");
		JsonNode rows = section.get("rows");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).get("label").asString()).isEqualTo("1");
		assertThat(rows.get(0).get("price").asLong()).isEqualTo(2_000);
		assertThat(rows.get(0).get("seats").asInt()).isEqualTo(4);
		assertThat(rows.get(1).get("price").asLong()).isEqualTo(1_500);
		// Every seat's id, from the row's first id and its own seatIds if it has them.
		assertThat(seatIds(rows))
			.containsExactlyElementsOf(hall.seats().subList(0, 8).stream().map((seat) -> seat.id().value()).toList());
	}

	@Test
	void anUnchangedHallOrSectionIsA304WithoutABodyAndEveryChangeOfASeatGivesANewVersion() throws Exception {
		Hall hall = hall("Versions");
		Admission alice = hall.admit(this.boxOffice.fan(Points.of(10_000)));
		Admission bob = hall.admit(this.boxOffice.fan(Points.of(10_000)));
		Versions versions = new Versions(hall);
		versions.assertUnchanged("at first");

		Reservation alicesHold = this.boxOffice.hold(hall.seats().get(1), alice);
		versions.assertChanged("after a hold", "AHAAAAAA", 7);
		versions.assertUnchanged("after the hold, asked again");

		this.boxOffice.pay(alicesHold, alice);
		versions.assertSectionChanged("after a payment", "ASAAAAAA");

		Reservation cancelled = this.boxOffice.hold(hall.seats().get(4), bob);
		versions.assertChanged("after a second hold", "ASAAHAAA", 6);
		this.reservations.cancel(cancelled.id(), QueuePass.admitted(bob));
		versions.assertChanged("after a cancellation", "ASAAAAAA", 7);

		this.boxOffice.hold(hall.seats().get(7), bob);
		versions.assertChanged("after bob's hold", "ASAAAAAH", 6);
		this.clock.advance(this.boxOffice.holdDuration().minusMillis(1));
		versions.assertUnchanged("a millisecond before the hold runs out");
		this.clock.advance(Duration.ofMillis(1));
		versions.assertChanged("once the hold ran out, unswept", "ASAAAAAA", 7);

		this.refunds.refundByOrganiser(alicesHold.id(), new UserId(UUID.randomUUID()));
		versions.assertChanged("after a refund", "AAAAAAAA", 8);
	}

	@Test
	void aSectionIsGzippedForABrowserAndItsVersionStillAnswersA304() throws Exception {
		OnSale arena = this.boxOffice.concertOnSale("Gzipped", 5_000, Points.of(1_000));
		String token = new Api(this.port).token(arena.concert(), this.boxOffice.fan(Points.ZERO));
		String path = "/api/v1/concerts/" + arena.concert() + "/dates/" + arena.date().value()
				+ "/sections/0/seats-state";
		Wire wire = new Wire(this.port);

		HttpResponse<byte[]> gzipped = wire.getBytes(path, token, "Accept-Encoding", "gzip");
		assertThat(gzipped.statusCode()).isEqualTo(200);
		assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
		assertThat(gzipped.body().length).as("5,000 seats' states and ids, gzipped").isLessThan(1_000);
		String version = gzipped.headers().firstValue("ETag").orElseThrow();
		HttpResponse<byte[]> again = wire.getBytes(path, token, "Accept-Encoding", "gzip", "If-None-Match", version);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
	}

	@Test
	void onlyAnActiveQueueTokenOfTheConcertReadsTheHallAndItsSectionsAndAStrangerChangesNothing() throws Exception {
		Hall hall = hall("Access");
		Hall other = hall("Elsewhere");
		String othersToken = token(other);
		for (String path : List.of(hall.path("/hall"), hall.path("/sections/0/seats-state"))) {
			assertThat(get(path, null, null).statusCode()).as("no token").isEqualTo(401);
			assertThat(get(path, "not-a-token", null).statusCode()).as("a made-up token").isEqualTo(401);
			HttpResponse<String> mismatch = get(path, othersToken, null);
			assertThat(mismatch.statusCode()).as("another concert's token").isEqualTo(403);
			assertThat(mismatch.body()).contains("TOKEN_CONCERT_MISMATCH");
		}
		assertThat(this.concerts.availableSeats(hall.concert(), hall.date())).hasSize(11);
	}

	@Test
	void aSectionThatIsNotInTheHallIsA404AndAnIndexThatIsNoNumberA400() throws Exception {
		Hall hall = hall("Missing");
		HttpResponse<String> missing = get(hall.path("/sections/2/seats-state"), token(hall), null);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("SECTION_NOT_FOUND");
		HttpResponse<String> notANumber = get(hall.path("/sections/Floor/seats-state"), token(hall), null);
		assertThat(notANumber.statusCode()).isEqualTo(400);
		assertThat(notANumber.body()).contains("INVALID_PARAMETER");
	}

	/**
	 * Section Floor: row 1 of 4 seats at 2,000, row 2 of 4 at 1,500; Balcony 3 at 1,000.
	 */
	private Hall hall(String title) {
		SeatMap map = new SeatMap(List.of(
				new SeatMap.Section("Floor", List.of(new SeatMap.Row("1", 4, 2_000), new SeatMap.Row("2", 4, 1_500))),
				new SeatMap.Section("Balcony", List.of(new SeatMap.Row("1", 3, 1_000)))));
		ConcertId concert = this.concerts.addConcert(title, "Hall", List.of(Instant.now().plus(Duration.ofDays(7))),
				map, null);
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		return new Hall(concert, date, this.concerts.availableSeats(concert, date));
	}

	/**
	 * A queue token of a fan admitted now (a new one each time, as the test clock outruns
	 * any admission).
	 */
	private String token(Hall hall) {
		return new Api(this.port).token(hall.concert(), this.boxOffice.fan(Points.ZERO));
	}

	private HttpResponse<String> get(String path, String token, String eTag) throws Exception {
		return (eTag != null) ? new Wire(this.port).send("GET", path, token, null, "If-None-Match", eTag)
				: new Wire(this.port).send("GET", path, token, null);
	}

	private static List<Long> seatIds(JsonNode rows) {
		List<Long> ids = new java.util.ArrayList<>();
		for (JsonNode row : rows) {
			for (int i = 0; i < row.get("seats").asInt(); i++) {
				ids.add(row.get("seatIds").isNull() ? row.get("firstSeatId").asLong() + i
						: row.get("seatIds").get(i).asLong());
			}
		}
		return ids;
	}

	private record Hall(ConcertId concert, ConcertDateId date, List<Seat> seats) {

		String path(String rest) {
			return "/api/v1/concerts/" + this.concert + "/dates/" + this.date.value() + rest;
		}

		Admission admit(UserId fan) {
			return new Admission(this.concert, fan);
		}

	}

	/**
	 * The versions of the hall and of section Floor a page holds, as it would refresh.
	 */
	private final class Versions {

		private final Hall hall;

		private String hallTag;

		private String sectionTag;

		Versions(Hall hall) throws Exception {
			this.hall = hall;
			String token = token(hall);
			this.hallTag = get(hall.path("/hall"), token, null).headers().firstValue("ETag").orElseThrow();
			this.sectionTag = get(hall.path("/sections/0/seats-state"), token, null).headers()
				.firstValue("ETag")
				.orElseThrow();
		}

		void assertUnchanged(String when) throws Exception {
			String token = token(this.hall);
			HttpResponse<String> hall = get(this.hall.path("/hall"), token, this.hallTag);
			HttpResponse<String> section = get(this.hall.path("/sections/0/seats-state"), token, this.sectionTag);
			assertThat(hall.statusCode()).as("hall " + when).isEqualTo(304);
			assertThat(hall.body()).as("hall " + when).isEmpty();
			assertThat(section.statusCode()).as("section " + when).isEqualTo(304);
			assertThat(section.body()).as("section " + when).isEmpty();
			assertThat(section.headers().firstValue("ETag")).as("section " + when).hasValue(this.sectionTag);
		}

		/** The hall counts free seats only: a sale (held to sold) frees none. */
		void assertSectionChanged(String when, String floorStates) throws Exception {
			String token = token(this.hall);
			assertThat(get(this.hall.path("/hall"), token, this.hallTag).statusCode()).as("hall " + when)
				.isEqualTo(304);
			HttpResponse<String> section = get(this.hall.path("/sections/0/seats-state"), token, this.sectionTag);
			assertThat(section.statusCode()).as("section " + when).isEqualTo(200);
			String newSectionTag = section.headers().firstValue("ETag").orElseThrow();
			assertThat(newSectionTag).as("section's version " + when).isNotEqualTo(this.sectionTag);
			assertThat(HallIntegrationTests.this.json.readTree(section.body()).get("states").asString())
				.as("section " + when)
				.isEqualTo(floorStates);
			this.sectionTag = newSectionTag;
		}

		void assertChanged(String when, String floorStates, int floorFree) throws Exception {
			String token = token(this.hall);
			HttpResponse<String> hall = get(this.hall.path("/hall"), token, this.hallTag);
			HttpResponse<String> section = get(this.hall.path("/sections/0/seats-state"), token, this.sectionTag);
			assertThat(hall.statusCode()).as("hall " + when).isEqualTo(200);
			assertThat(section.statusCode()).as("section " + when).isEqualTo(200);
			String newHallTag = hall.headers().firstValue("ETag").orElseThrow();
			String newSectionTag = section.headers().firstValue("ETag").orElseThrow();
			assertThat(newHallTag).as("hall's version " + when).isNotEqualTo(this.hallTag);
			assertThat(newSectionTag).as("section's version " + when).isNotEqualTo(this.sectionTag);
			assertThat(HallIntegrationTests.this.json.readTree(section.body()).get("states").asString())
				.as("section " + when)
				.isEqualTo(floorStates);
			assertThat(HallIntegrationTests.this.json.readTree(hall.body())
				.get("sections")
				.get(0)
				.get("availableSeats")
				.asInt()).as("free in section Floor " + when).isEqualTo(floorFree);
			this.hallTag = newHallTag;
			this.sectionTag = newSectionTag;
		}

	}

}
