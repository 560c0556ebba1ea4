package dev.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.ConcertDate;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SaleService;
import dev.ticketing.concert.Seat;
import dev.ticketing.payment.RefundService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An organiser's cap on tickets per fan against the real PostgreSQL: a fan's live holds
 * and paid tickets of all the concert's dates together never pass it, however many of the
 * fan's holds race; what runs out, is cancelled or refunded gives its place back; only
 * organisers set it, and a PATCH with null takes it away.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.reservation.max-holds-per-user=4", "concert.queue.max-active=1000",
		"concert.reservation.sweep-interval=1h" })
@Import(MutableClockConfiguration.class)
class TicketsPerFanIntegrationTests {

	static final String CONCERTS = "/api/v1/organiser/concerts";

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ReservationService reservations;

	@Autowired
	ConcertService concerts;

	@Autowired
	SaleService sales;

	@Autowired
	RefundService refunds;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	MutableClock clock;

	@Value("${concert.queue.key-prefix}")
	String prefix;

	Api api() {
		return new Api(this.port);
	}

	@Test
	void anOrganiserSetsTheCapOnCreationChangesItAndAPatchWithNullTakesItAway() {
		ResponseEntity<JsonNode> created = api().post(CONCERTS, ORGANISER, concertBody(Map.of("ticketsPerFan", 2)));
		assertThat(created.getStatusCode().value()).isEqualTo(201);
		String concert = created.getBody().get("concertId").asString();
		assertThat(organiserView(concert).get("ticketsPerFan").asInt()).isEqualTo(2);

		JsonNode changed = api().patch(CONCERTS + "/" + concert, ORGANISER, Map.of("ticketsPerFan", 6)).getBody();
		assertThat(changed.get("ticketsPerFan").asInt()).isEqualTo(6);
		assertThat(changed.get("title").asString()).isEqualTo("Fair Night");

		JsonNode other = api().patch(CONCERTS + "/" + concert, ORGANISER, Map.of("venue", "Olympic Hall")).getBody();
		assertThat(other.get("ticketsPerFan").asInt()).as("left out, so kept").isEqualTo(6);

		Map<String, Object> removal = new HashMap<>();
		removal.put("ticketsPerFan", null);
		JsonNode removed = api().patch(CONCERTS + "/" + concert, ORGANISER, removal).getBody();
		assertThat(removed.path("ticketsPerFan").isMissingNode() || removed.path("ticketsPerFan").isNull()).as("no cap")
			.isTrue();
		assertThat(removed.get("venue").asString()).isEqualTo("Olympic Hall");
		assertThat(this.jdbc.queryForObject("SELECT tickets_per_fan FROM concert WHERE id = ?", Integer.class,
				UUID.fromString(concert)))
			.isNull();
	}

	@Test
	void fansSeeTheCapOfAConcertOnSale() {
		ConcertId concert = concertOnSale(2, 2);
		cap(concert, 3);
		JsonNode listed = null;
		for (JsonNode c : api().get("/api/v1/concerts", null).getBody()) {
			if (c.get("concertId").asString().equals(concert.toString())) {
				listed = c;
			}
		}
		assertThat(listed).isNotNull();
		assertThat(listed.get("ticketsPerFan").asInt()).isEqualTo(3);
	}

	@Test
	void onlyOrganisersMaySetTheCapAndARefusedCallChangesNothing() {
		String concert = api().post(CONCERTS, ORGANISER, concertBody(Map.of("ticketsPerFan", 2)))
			.getBody()
			.get("concertId")
			.asString();
		long concerts = this.jdbc.queryForObject("SELECT count(*) FROM concert", Long.class);
		Map<String, Object> removal = new HashMap<>();
		removal.put("ticketsPerFan", null);
		String fan = TestIssuer.tokenFor(UUID.randomUUID());
		for (String token : new String[] { null, fan }) {
			int expected = (token == null) ? 401 : 403;
			Api api = (token == null) ? api().anonymous() : api().signedInWith(token);
			assertThat(api.patch(CONCERTS + "/" + concert, token, Map.of("ticketsPerFan", 100)).getStatusCode().value())
				.isEqualTo(expected);
			assertThat(api.patch(CONCERTS + "/" + concert, token, removal).getStatusCode().value()).isEqualTo(expected);
			assertThat(api.post(CONCERTS, token, concertBody(Map.of("ticketsPerFan", 1))).getStatusCode().value())
				.isEqualTo(expected);
		}
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM concert", Long.class)).isEqualTo(concerts);
		assertThat(organiserView(concert).get("ticketsPerFan").asInt()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -1, 1_001 })
	void aCapOutOfRangeIsRefusedWith400AndChangesNothing(int cap) {
		long before = this.jdbc.queryForObject("SELECT count(*) FROM concert", Long.class);
		ResponseEntity<JsonNode> refused = api().post(CONCERTS, ORGANISER, concertBody(Map.of("ticketsPerFan", cap)));
		assertThat(refused.getStatusCode().value()).isEqualTo(400);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("INVALID_TICKETS_PER_FAN");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM concert", Long.class)).isEqualTo(before);

		String concert = api().post(CONCERTS, ORGANISER, concertBody(Map.of("ticketsPerFan", 2)))
			.getBody()
			.get("concertId")
			.asString();
		ResponseEntity<JsonNode> patch = api().patch(CONCERTS + "/" + concert, ORGANISER,
				Map.of("ticketsPerFan", cap, "venue", "Elsewhere"));
		assertThat(patch.getStatusCode().value()).isEqualTo(400);
		assertThat(patch.getBody().get("code").asString()).isEqualTo("INVALID_TICKETS_PER_FAN");
		JsonNode unchanged = organiserView(concert);
		assertThat(unchanged.get("ticketsPerFan").asInt()).isEqualTo(2);
		assertThat(unchanged.get("venue").asString()).isEqualTo("Hall");
	}

	@Test
	void paidTicketsAndLiveHoldsOfBothDatesCountAndOneMoreHoldIsA409ThatChangesNothing() {
		ConcertId concert = concertOnSale(2, 3);
		cap(concert, 3);
		List<ConcertDate> dates = this.concerts.dates(concert);
		List<Seat> first = this.concerts.availableSeats(concert, dates.get(0).id());
		List<Seat> second = this.concerts.availableSeats(concert, dates.get(1).id());
		UserId user = this.boxOffice.fan(Points.of(10_000));
		Api api = api();
		String paying = api.token(concert, user);
		String paid = hold(api, paying, first.get(0)).getBody().get("reservationId").asString();
		assertThat(api.post("/api/v1/payments/" + paid, paying, null).getStatusCode()).isEqualTo(HttpStatus.OK);
		// A payment ends the fan's turn: back in line for the next seats.
		String token = api.token(concert, user);
		assertThat(hold(api, token, first.get(1)).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(hold(api, token, second.get(0)).getStatusCode()).isEqualTo(HttpStatus.OK);
		long reservationsBefore = this.jdbc.queryForObject("SELECT count(*) FROM reservation", Long.class);
		Seat last = second.get(1);

		ResponseEntity<JsonNode> refused = hold(api, token, last);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("TICKET_LIMIT");
		assertThat(refused.getBody().get("status").asInt()).isEqualTo(409);
		assertThat(refused.getBody().get("detail").asString()).contains("3 tickets per fan");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservation", Long.class))
			.isEqualTo(reservationsBefore);
		assertThat(this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, last.id().value()))
			.isEqualTo("AVAILABLE");
		assertThat(this.redis.hasKey(this.prefix + "seat-claim:" + last.id().value())).isFalse();
		assertThat(this.reservations.liveHolds(user, concert)).as("below the live-hold limit of 4").isEqualTo(2);
	}

	@Test
	void aRefundACancellationAndAnExpiryEachGiveThePlaceBack() {
		ConcertId concert = concertOnSale(2, 5);
		cap(concert, 2);
		List<ConcertDate> dates = this.concerts.dates(concert);
		List<Seat> first = this.concerts.availableSeats(concert, dates.get(0).id());
		List<Seat> second = this.concerts.availableSeats(concert, dates.get(1).id());
		UserId user = this.boxOffice.fan(Points.of(100_000));
		Admission fan = new Admission(concert, user);
		Reservation one = this.boxOffice.hold(first.get(0), fan);
		this.boxOffice.pay(one, fan);
		Reservation two = this.boxOffice.hold(second.get(0), fan);
		this.boxOffice.pay(two, fan);
		assertThat(ticketLimitOn(second.get(1), fan)).isTrue();

		this.refunds.refundByOrganiser(one.id(), new UserId(UUID.randomUUID()));
		Reservation three = this.boxOffice.hold(second.get(1), fan);
		assertThat(ticketLimitOn(second.get(2), fan)).as("the refunded place is taken again").isTrue();

		this.reservations.cancel(three.id(), QueuePass.admitted(fan));
		Reservation four = this.boxOffice.hold(second.get(2), fan);
		assertThat(ticketLimitOn(second.get(3), fan)).isTrue();

		this.clock.advance(this.boxOffice.holdDuration());
		Reservation five = this.boxOffice.hold(second.get(3), fan);
		assertThat(five.status()).isEqualTo(ReservationStatus.HELD);
		assertThat(four.id()).isNotEqualTo(five.id());
		assertThat(ticketLimitOn(first.get(1), fan)).isTrue();
	}

	@Test
	void oneFanRacingForBothDatesNeverPassesTheCapWithItsPaidTicketsCounted() {
		ConcertId concert = concertOnSale(2, 30);
		cap(concert, 5);
		List<ConcertDate> dates = this.concerts.dates(concert);
		List<Seat> seats = new java.util.ArrayList<>();
		seats.addAll(this.concerts.availableSeats(concert, dates.get(0).id()));
		seats.addAll(this.concerts.availableSeats(concert, dates.get(1).id()));
		UserId user = this.boxOffice.fan(Points.of(1_000_000));
		Admission fan = new Admission(concert, user);
		for (int i = 0; i < 2; i++) {
			this.boxOffice.pay(this.boxOffice.hold(seats.remove(0), fan), fan);
		}
		List<Seat> contested = seats.subList(0, 50);

		List<Outcome<Reservation>> outcomes = Race.run(contested.size(),
				(i) -> this.boxOffice.hold(contested.get(i), fan));

		assertThat(Outcome.values(outcomes)).as("3 live holds beside 2 paid tickets, below the live-hold limit")
			.hasSize(3);
		assertThat(Outcome.failures(outcomes)).hasSize(contested.size() - 3)
			.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
					(problem) -> assertThat(problem.code()).isEqualTo("TICKET_LIMIT")));
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM reservation WHERE user_id = ? AND status IN ('HELD', 'PAID')", Long.class,
				user.value()))
			.isEqualTo(5);
		assertThat(
				this.jdbc.queryForObject("SELECT count(*) FROM seat s JOIN concert_date d ON d.id = s.concert_date_id"
						+ " WHERE d.concert_id = ? AND s.status <> 'AVAILABLE'", Long.class, concert.value()))
			.as("no refused hold keeps a seat")
			.isEqualTo(5);
	}

	@Test
	void withoutACapOnlyTheLiveHoldLimitApplies() {
		ConcertId concert = concertOnSale(1, 10);
		UserId user = this.boxOffice.fan(Points.of(1_000_000));
		Admission fan = new Admission(concert, user);
		List<Seat> seats = this.concerts.availableSeats(concert, this.concerts.dates(concert).getFirst().id());
		for (int i = 0; i < 6; i++) {
			this.boxOffice.pay(this.boxOffice.hold(seats.get(i), fan), fan);
		}
		assertThat(this.boxOffice.hold(seats.get(6), fan).status()).isEqualTo(ReservationStatus.HELD);
	}

	private boolean ticketLimitOn(Seat seat, Admission fan) {
		try {
			this.boxOffice.hold(seat, fan);
			return false;
		}
		catch (ProblemException ex) {
			assertThat(ex.code()).isEqualTo("TICKET_LIMIT");
			assertThat(
					this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, seat.id().value()))
				.isEqualTo("AVAILABLE");
			return true;
		}
	}

	private ResponseEntity<JsonNode> hold(Api api, String token, Seat seat) {
		return api.post("/api/v1/reservations/seats/" + seat.id().value(), token,
				Map.of("concertId", seat.concertId().toString(), "concertDateId", seat.concertDateId().value()));
	}

	/** A concert on sale with {@code dates} dates of {@code seats} seats each. */
	private ConcertId concertOnSale(int dates, int seats) {
		Instant first = Instant.now().plus(Duration.ofDays(7));
		List<Instant> starts = java.util.stream.IntStream.range(0, dates)
			.mapToObj((i) -> first.plus(Duration.ofDays(i)))
			.toList();
		return this.concerts.addConcert("Fair", "Hall", starts, seats, Points.of(100));
	}

	private void cap(ConcertId concert, int ticketsPerFan) {
		this.sales.change(concert,
				new ConcertChanges(null, null, null, null, null, null, ticketsPerFan, null, Set.of()));
	}

	private JsonNode organiserView(String concert) {
		return api().get(CONCERTS + "/" + concert, ORGANISER).getBody();
	}

	static Map<String, Object> concertBody(Map<String, Object> override) {
		Map<String, Object> body = new HashMap<>(Map.of("title", "Fair Night", "venue", "Hall", "timeZone", "UTC"));
		body.putAll(override);
		return body;
	}

}
