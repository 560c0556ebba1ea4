package dev.ticketing.waitlist;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.audit.Audits;
import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatUnavailable;
import dev.ticketing.payment.RefundService;
import dev.ticketing.queue.QueueCensus;
import dev.ticketing.reservation.HoldSeat;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.reservation.ReservationStatus;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Waiting lists of sold-out dates against the real PostgreSQL and Redis: a seat released
 * by a refund, a cancelled hold or a hold that ran out is held for the first waiting fan
 * in the transaction that releases it, and for nobody else meanwhile, however many try;
 * if the fan lets it run out, the next fan gets it.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.queue.max-active=1000", "concert.reservation.sweep-interval=1h",
		"concert.waitlist.offer-duration=3m", "concert.reservation.claim-recheck=0" })
@Import(MutableClockConfiguration.class)
class WaitingListIntegrationTests {

	static final Points PRICE = Points.of(1_000);

	static final Duration OFFER = Duration.ofMinutes(3);

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	WaitingListService lists;

	@Autowired
	ReservationService reservations;

	@Autowired
	RefundService refunds;

	@Autowired
	ConcertService concerts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	QueueCensus census;

	@Autowired
	MutableClock clock;

	@Test
	void joiningWhileASeatIsFreeIsRefusedAndChangesNothing() {
		OnSale sale = this.boxOffice.concertOnSale("Free seats", 2, PRICE);
		sell(sale, 0);
		UserId fan = this.boxOffice.fan(Points.ZERO);

		ResponseEntity<JsonNode> refused = join(fan, sale);

		assertThat(refused.getStatusCode().value()).isEqualTo(409);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("NOT_SOLD_OUT");
		assertThat(placesOf(fan)).isZero();
	}

	@Test
	void aFanWaitsOnceOnASoldOutDateAndMayLeave() {
		OnSale sale = soldOut("Once", 1);
		UserId fan = this.boxOffice.fan(Points.ZERO);

		ResponseEntity<JsonNode> joined = join(fan, sale);
		assertThat(joined.getStatusCode().value()).isEqualTo(201);
		assertThat(joined.getBody().get("status").asString()).isEqualTo("WAITING");
		assertThat(joined.getBody().get("position").asInt()).isEqualTo(1);
		ResponseEntity<JsonNode> again = join(fan, sale);
		assertThat(again.getStatusCode().value()).isEqualTo(409);
		assertThat(again.getBody().get("code").asString()).isEqualTo("ALREADY_WAITING");
		assertThat(placesOf(fan)).isEqualTo(1);

		assertThat(api().delete(path(fan) + "/" + sale.date().value(), null).getStatusCode().value()).isEqualTo(204);
		ResponseEntity<JsonNode> gone = api().delete(path(fan) + "/" + sale.date().value(), null);
		assertThat(gone.getStatusCode().value()).isEqualTo(404);
		assertThat(gone.getBody().get("code").asString()).isEqualTo("NOT_WAITING");
		assertThat(api().get(path(fan), null).getBody().get(0).get("status").asString()).isEqualTo("LEFT");
		assertThat(join(fan, sale).getStatusCode().value()).as("may join again").isEqualTo(201);
	}

	@Test
	void badInputIsAProblemAndAnUnknownDateIsNotFound() {
		OnSale sale = soldOut("Bad input", 1);
		UserId fan = this.boxOffice.fan(Points.ZERO);
		assertThat(api().post(path(fan), null, Map.of("concertId", sale.concert().toString()))
			.getBody()
			.get("code")
			.asString()).isEqualTo("MALFORMED_BODY");
		assertThat(api().post(path(fan), null, Map.of("concertId", "nope", "concertDateId", 1)).getStatusCode().value())
			.isEqualTo(400);
		assertThat(api()
			.post(path(fan), null, Map.of("concertId", sale.concert().toString(), "concertDateId", Long.MAX_VALUE))
			.getStatusCode()
			.value()).isEqualTo(404);
		assertThat(api().delete(path(fan) + "/x", null).getStatusCode().value()).isEqualTo(400);
		assertThat(placesOf(fan)).isZero();
	}

	@Test
	void onlyTheFanThemselfJoinsLeavesOrReadsTheirPlacesAndARefusedCallChangesNothing() {
		OnSale sale = soldOut("Whose", 1);
		UserId fan = this.boxOffice.fan(Points.ZERO);
		UserId other = this.boxOffice.fan(Points.ZERO);
		Map<String, Object> body = body(sale);
		for (String token : List.of(TestIssuer.tokenFor(other), ORGANISER)) {
			assertThat(api().post(path(fan), token, body).getStatusCode().value()).isEqualTo(403);
			assertThat(api().get(path(fan), token).getStatusCode().value()).isEqualTo(403);
		}
		assertThat(api().anonymous().post(path(fan), null, body).getStatusCode().value()).isEqualTo(401);
		assertThat(api().anonymous().get(path(fan), null).getStatusCode().value()).isEqualTo(401);
		assertThat(placesOf(fan)).isZero();

		assertThat(join(fan, sale).getStatusCode().value()).isEqualTo(201);
		String leave = path(fan) + "/" + sale.date().value();
		assertThat(api().delete(leave, TestIssuer.tokenFor(other)).getStatusCode().value()).isEqualTo(403);
		assertThat(api().anonymous().delete(leave, null).getStatusCode().value()).isEqualTo(401);
		assertThat(this.lists.places(fan).getFirst().status()).isEqualTo(Place.Status.WAITING);
	}

	@Test
	void aRefundedSeatIsHeldForTheFirstWaitingFanWhoPaysForItTheNormalWay() {
		OnSale sale = this.boxOffice.concertOnSale("Refunded", 1, PRICE);
		Reservation sold = sell(sale, 0);
		UserId first = this.boxOffice.fan(Points.of(5_000));
		UserId second = this.boxOffice.fan(Points.of(5_000));
		this.lists.join(first, sale.concert(), sale.date());
		this.lists.join(second, sale.concert(), sale.date());

		refund(sold);

		Reservation offered = holdOn(sale.seat(0).id());
		assertThat(offered.userId()).isEqualTo(first);
		assertThat(offered.status()).isEqualTo(ReservationStatus.HELD);
		assertThat(offered.expiresAt()).isEqualTo(this.clock.instant().plus(OFFER));
		JsonNode place = api().get(path(first), null).getBody().get(0);
		assertThat(place.get("status").asString()).isEqualTo("OFFERED");
		assertThat(place.get("offer").get("reservationId").asString()).isEqualTo(offered.id().toString());
		assertThat(place.get("offer").get("seatId").asLong()).isEqualTo(sale.seat(0).id().value());
		assertThat(place.get("offer").get("price").asLong()).isEqualTo(PRICE.value());
		assertThat(place.get("offer").get("reservationStatus").asString()).isEqualTo("HELD");
		assertThat(api().get(path(second), null).getBody().get(0).get("position").asInt()).isEqualTo(1);
		assertThatThrownBy(() -> this.boxOffice.hold(sale.seat(0), this.boxOffice.admittedFan(sale, PRICE)))
			.isInstanceOf(SeatUnavailable.class);

		Api api = api();
		String token = api.token(sale.concert(), first);
		ResponseEntity<JsonNode> paid = api.post("/api/v1/payments/" + offered.id(), token, null);
		assertThat(paid.getStatusCode().value()).isEqualTo(200);
		assertThat(api().get(path(first), null).getBody().get(0).get("offer").get("reservationStatus").asString())
			.isEqualTo("PAID");
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void aCancelledHoldGoesToTheFirstWaitingFan() {
		OnSale sale = this.boxOffice.concertOnSale("Cancelled", 1, PRICE);
		Admission holder = this.boxOffice.admittedFan(sale, PRICE);
		Reservation held = this.boxOffice.hold(sale.seat(0), holder);
		UserId fan = this.boxOffice.fan(Points.ZERO);
		this.lists.join(fan, sale.concert(), sale.date());

		this.reservations.cancel(held.id(), QueuePass.admitted(holder));

		assertThat(holdOn(sale.seat(0).id()).userId()).isEqualTo(fan);
		assertThat(this.lists.places(fan).getFirst().status()).isEqualTo(Place.Status.OFFERED);
	}

	@Test
	void aFanGivingBackTheirOwnHoldIsNotOfferedItBackAndKeepsTheirPlace() {
		OnSale sale = this.boxOffice.concertOnSale("Own hold", 1, PRICE);
		Admission holder = this.boxOffice.admittedFan(sale, PRICE);
		Reservation held = this.boxOffice.hold(sale.seat(0), holder);
		UserId next = this.boxOffice.fan(Points.ZERO);
		this.lists.join(holder.userId(), sale.concert(), sale.date());
		this.lists.join(next, sale.concert(), sale.date());

		this.reservations.cancel(held.id(), QueuePass.admitted(holder));

		assertThat(holdOn(sale.seat(0).id()).userId()).isEqualTo(next);
		assertThat(this.lists.places(holder.userId()).getFirst().status()).isEqualTo(Place.Status.WAITING);
	}

	@Test
	void aSeatWhoseHoldRanOutIsNobodysUntilTheSweepHandsItToTheFirstWaitingFan() {
		OnSale sale = this.boxOffice.concertOnSale("Ran out", 1, PRICE);
		this.boxOffice.hold(sale.seat(0), this.boxOffice.admittedFan(sale, PRICE));
		UserId fan = this.boxOffice.fan(Points.ZERO);
		this.lists.join(fan, sale.concert(), sale.date());
		this.clock.advance(this.boxOffice.holdDuration().plusSeconds(1));

		assertThat(this.concerts.availableSeats(sale.concert(), sale.date())).as("not on sale").isEmpty();
		assertThatThrownBy(() -> this.boxOffice.hold(sale.seat(0), this.boxOffice.admittedFan(sale, PRICE)))
			.isInstanceOf(SeatUnavailable.class);

		this.reservations.expireHolds();

		assertThat(holdOn(sale.seat(0).id()).userId()).isEqualTo(fan);
	}

	@Test
	void anOfferThatRunsOutGoesToTheNextFanThenBackOnSaleOnceNobodyWaits() {
		OnSale sale = this.boxOffice.concertOnSale("Lapse", 1, PRICE);
		Reservation sold = sell(sale, 0);
		UserId first = this.boxOffice.fan(Points.ZERO);
		UserId second = this.boxOffice.fan(Points.ZERO);
		this.lists.join(first, sale.concert(), sale.date());
		this.lists.join(second, sale.concert(), sale.date());
		refund(sold);
		Reservation firstOffer = holdOn(sale.seat(0).id());

		this.clock.advance(OFFER.plusSeconds(1));
		this.reservations.expireHolds();

		assertThat(holdOn(sale.seat(0).id()).userId()).isEqualTo(second);
		assertThat(this.reservations.find(firstOffer.id()).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
		assertThat(api().get(path(first), null).getBody().get(0).get("offer").get("reservationStatus").asString())
			.isEqualTo("EXPIRED");

		this.clock.advance(OFFER.plusSeconds(1));
		assertThat(this.concerts.availableSeats(sale.concert(), sale.date())).as("nobody waits: on sale at once")
			.hasSize(1);
		Admission anyone = this.boxOffice.admittedFan(sale, PRICE);
		assertThat(this.boxOffice.hold(sale.seat(0), anyone).userId()).isEqualTo(anyone.userId());
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void aFanAtTheirTicketCapCannotJoinAndIsPassedOverWhenTheirTurnComes() {
		Instant week = Instant.now().plus(Duration.ofDays(7));
		ConcertId concert = this.concerts.addConcert("Capped", "Hall", List.of(week, week.plus(Duration.ofDays(1))), 1,
				PRICE);
		assertThat(api().patch("/api/v1/organiser/concerts/" + concert, ORGANISER, Map.of("ticketsPerFan", 1))
			.getStatusCode()
			.value()).isEqualTo(200);
		ConcertDateId firstDate = this.concerts.dates(concert).get(0).id();
		ConcertDateId secondDate = this.concerts.dates(concert).get(1).id();
		SeatId firstSeat = this.concerts.availableSeats(concert, firstDate).getFirst().id();
		SeatId secondSeat = this.concerts.availableSeats(concert, secondDate).getFirst().id();
		Admission buyer = new Admission(concert, this.boxOffice.fan(PRICE));
		Reservation sold = this.boxOffice.hold(concert, firstDate, firstSeat, buyer);
		this.boxOffice.pay(sold, buyer);
		UserId capped = this.boxOffice.fan(PRICE);
		UserId next = this.boxOffice.fan(PRICE);
		this.lists.join(capped, concert, firstDate);
		this.lists.join(next, concert, firstDate);
		this.boxOffice.hold(concert, secondDate, secondSeat, new Admission(concert, capped));
		ResponseEntity<JsonNode> refused = api().post(path(capped), null,
				Map.of("concertId", concert.toString(), "concertDateId", firstDate.value()));
		assertThat(refused.getBody().get("code").asString()).isEqualTo("TICKET_LIMIT");

		refund(sold);

		assertThat(holdOn(firstSeat).userId()).isEqualTo(next);
		Place passedOver = this.lists.places(capped).getFirst();
		assertThat(passedOver.status()).isEqualTo(Place.Status.SKIPPED);
		assertThat(passedOver.skippedBecause()).isEqualTo("TICKET_LIMIT");
	}

	@Test
	void aRefundedSeatIsHeldByTheFirstWaitingFanAndByNobodyElseHoweverManyTryMeanwhile() {
		OnSale sale = this.boxOffice.concertOnSale("Race", 1, PRICE);
		SeatId seat = sale.seat(0).id();
		Reservation sold = sell(sale, 0);
		UserId first = this.boxOffice.fan(Points.ZERO);
		UserId second = this.boxOffice.fan(Points.ZERO);
		this.lists.join(first, sale.concert(), sale.date());
		this.lists.join(second, sale.concert(), sale.date());
		List<Admission> others = IntStream.range(0, 150)
			.mapToObj((i) -> this.boxOffice.admittedFan(sale, PRICE))
			.toList();

		List<Outcome<Reservation>> refundRace = Race.run(others.size() + 1, (i) -> {
			if (i == 0) {
				refund(sold);
				return null;
			}
			return hammer(sale, others.get(i - 1));
		});

		assertThat(Outcome.failures(refundRace)).isEmpty();
		assertThat(Outcome.values(refundRace)).as("holds won by others").containsOnlyNulls();
		Reservation offer = holdOn(seat);
		assertThat(offer.userId()).isEqualTo(first);
		assertThat(liveHoldsOn(seat)).isEqualTo(1);

		this.clock.advance(OFFER.plusSeconds(1));
		List<Outcome<Reservation>> lapseRace = Race.run(others.size() + 1, (i) -> {
			if (i == 0) {
				this.reservations.expireHolds();
				return null;
			}
			return hammer(sale, others.get(i - 1));
		});

		assertThat(Outcome.failures(lapseRace)).isEmpty();
		assertThat(Outcome.values(lapseRace)).as("holds won by others").containsOnlyNulls();
		assertThat(holdOn(seat).userId()).isEqualTo(second);
		assertThat(liveHoldsOn(seat)).isEqualTo(1);
		assertThat(auditFailures()).isEmpty();
	}

	@Test
	void fansJoiningWhileHoldsAreGivenBackNeverWaitBesideAFreeSeat() {
		int seats = 30;
		OnSale sale = this.boxOffice.concertOnSale("Join race", seats, PRICE);
		List<Admission> holders = IntStream.range(0, seats)
			.mapToObj((i) -> this.boxOffice.admittedFan(sale, PRICE))
			.toList();
		List<Reservation> held = IntStream.range(0, seats)
			.mapToObj((i) -> this.boxOffice.hold(sale.seat(i), holders.get(i)))
			.toList();
		List<UserId> joiners = IntStream.range(0, seats).mapToObj((i) -> this.boxOffice.fan(Points.ZERO)).toList();

		List<Outcome<Boolean>> outcomes = Race.run(2 * seats, (i) -> {
			if (i < seats) {
				this.reservations.cancel(held.get(i).id(), QueuePass.admitted(holders.get(i)));
				return true;
			}
			try {
				this.lists.join(joiners.get(i - seats), sale.concert(), sale.date());
				return true;
			}
			catch (ProblemException ex) {
				assertThat(ex.code()).isEqualTo("NOT_SOLD_OUT");
				return false;
			}
		});

		assertThat(Outcome.failures(outcomes)).isEmpty();
		int joined = (int) Outcome.values(outcomes).subList(seats, 2 * seats).stream().filter((j) -> j).count();
		long waiting = count("SELECT count(*) FROM waiting_fan WHERE concert_date_id = ? AND status = 'WAITING'",
				sale.date());
		long offered = count("SELECT count(*) FROM waiting_fan WHERE concert_date_id = ? AND status = 'OFFERED'",
				sale.date());
		int free = this.concerts.availableSeats(sale.concert(), sale.date()).size();
		assertThat(waiting + offered).isEqualTo(joined);
		assertThat(offered + free).as("every seat given back went to a waiting fan or back on sale").isEqualTo(seats);
		assertThat(waiting == 0 || free == 0).as("%d fans wait beside %d free seats", waiting, free).isTrue();
		assertThat(count("SELECT count(*) FROM seat WHERE concert_date_id = ? AND status = 'HELD'", sale.date()))
			.isEqualTo(offered);
		assertThat(auditFailures()).isEmpty();
	}

	private long count(String sql, ConcertDateId date) {
		return this.jdbc.queryForObject(sql, Long.class, date.value());
	}

	/**
	 * A fan trying to hold the race's seat a few times over; the hold if one was won,
	 * else null.
	 */
	private Reservation hammer(OnSale sale, Admission fan) {
		for (int attempt = 0; attempt < 10; attempt++) {
			try {
				return this.reservations.hold(new HoldSeat(sale.concert(), sale.date(), sale.seat(0).id()), fan);
			}
			catch (SeatUnavailable ex) {
				// Taken: try again, as a fan clicking would.
			}
		}
		return null;
	}

	/** A sold-out date of {@code seats} seats, each sold to a fan of its own. */
	private OnSale soldOut(String title, int seats) {
		OnSale sale = this.boxOffice.concertOnSale(title, seats, PRICE);
		for (int i = 0; i < seats; i++) {
			sell(sale, i);
		}
		return sale;
	}

	private Reservation sell(OnSale sale, int seat) {
		Admission buyer = this.boxOffice.admittedFan(sale, PRICE);
		Reservation held = this.boxOffice.hold(sale.seat(seat), buyer);
		this.boxOffice.pay(held, buyer);
		return held;
	}

	private void refund(Reservation sold) {
		this.refunds.refundByOrganiser(sold.id(), UserId.of(UUID.randomUUID().toString()));
	}

	/** The live hold on the seat, as the seat row names it. */
	private Reservation holdOn(SeatId seat) {
		UUID reservation = this.jdbc.queryForObject(
				"SELECT reservation_id FROM seat WHERE id = ? AND status = 'HELD' AND hold_expires_at > ?", UUID.class,
				seat.value(), java.sql.Timestamp.from(this.clock.instant()));
		Reservation found = this.reservations.find(new dev.ticketing.reservation.ReservationId(reservation))
			.orElseThrow();
		assertThat(found.isLiveAt(this.clock.instant())).isTrue();
		return found;
	}

	private long liveHoldsOn(SeatId seat) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM reservation WHERE seat_id = ? AND status = 'HELD'" + " AND expires_at > ?",
				Long.class, seat.value(), java.sql.Timestamp.from(this.clock.instant()));
	}

	private List<String> auditFailures() {
		return Audits.failedChecks(this.jdbcClient, this.census, this.clock);
	}

	private long placesOf(UserId fan) {
		return this.jdbc.queryForObject("SELECT count(*) FROM waiting_fan WHERE user_id = ?", Long.class, fan.value());
	}

	private ResponseEntity<JsonNode> join(UserId fan, OnSale sale) {
		return api().post(path(fan), null, body(sale));
	}

	private static Map<String, Object> body(OnSale sale) {
		return Map.of("concertId", sale.concert().toString(), "concertDateId", sale.date().value());
	}

	private static String path(UserId fan) {
		return "/api/v1/users/" + fan + "/waiting-lists";
	}

	private Api api() {
		return new Api(this.port);
	}

}
