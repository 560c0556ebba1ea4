package dev.ticketing.payment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.point.PointService;
import dev.ticketing.reservation.ReservationId;
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
 * Refunds over HTTP against PostgreSQL and Redis: the points come back with a REFUND row,
 * the seat is on sale again at once (database, seat list and claims), a second refund
 * changes nothing, and refunds racing each other or a new hold on the seat leave every
 * seat sold at most once and every point accounted for.
 */
@IntegrationTest
class RefundIntegrationTests {

	static final long PRICE = 1_000;

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	PointService points;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PaymentRepository payments;

	Api api() {
		return new Api(this.port);
	}

	@Test
	void anOrganisersRefundGivesThePointsBackAndPutsTheSeatOnSaleAtOnce() {
		Paid paid = paid(Duration.ofDays(7));
		assertThat(this.points.balance(paid.user())).isEqualTo(Points.of(5_000 - PRICE));

		ResponseEntity<JsonNode> refunded = refund(paid.reservation());
		assertThat(refunded.getStatusCode().value()).isEqualTo(200);
		assertThat(refunded.getBody().get("status").asString()).isEqualTo("REFUNDED");
		assertThat(refunded.getBody().get("amount").asLong()).isEqualTo(PRICE);
		assertThat(this.points.balance(paid.user())).isEqualTo(Points.of(5_000));
		assertThat(refundRows(paid)).isEqualTo(1);
		assertThat(column("SELECT status FROM payment WHERE reservation_id = ?", paid.reservation()))
			.isEqualTo("REFUNDED");
		assertThat(column("SELECT status FROM reservation WHERE id = ?", paid.reservation())).isEqualTo("REFUNDED");
		assertThat(this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, paid.seat()))
			.isEqualTo("AVAILABLE");

		UserId other = this.boxOffice.fan(Points.of(5_000));
		String token = api().token(paid.concert(), other);
		assertThat(seatIds(paid, token)).as("the seat list shows it at once").contains(paid.seat());
		assertThat(hold(token, paid, paid.seat()).getStatusCode().value()).as("the sold claim is gone").isEqualTo(200);
		JsonNode mine = api().get("/api/v1/users/" + paid.user() + "/reservations", null).getBody();
		assertThat(mine.get(0).get("status").asString()).isEqualTo("REFUNDED");
	}

	@Test
	void aPaymentReadBackSaysCompletedUntilItIsRefundedAndRefundedAfter() {
		Paid paid = paid(Duration.ofDays(7));
		ReservationId reservation = new ReservationId(paid.reservation());
		assertThat(this.payments.findByReservation(reservation).orElseThrow().status())
			.isEqualTo(PaymentStatus.COMPLETED);

		refund(paid.reservation());

		assertThat(this.payments.findByReservation(reservation).orElseThrow().status())
			.isEqualTo(PaymentStatus.REFUNDED);
	}

	@Test
	void refundingTwiceChangesNothingTheSecondTime() {
		Paid paid = paid(Duration.ofDays(7));
		JsonNode first = refund(paid.reservation()).getBody();
		ResponseEntity<JsonNode> second = refund(paid.reservation());
		assertThat(second.getStatusCode().value()).isEqualTo(200);
		assertThat(second.getBody().get("paymentId")).isEqualTo(first.get("paymentId"));
		assertThat(this.points.balance(paid.user())).isEqualTo(Points.of(5_000));
		assertThat(refundRows(paid)).isEqualTo(1);
	}

	@Test
	void onlyOrganisersRefundAnyReservationAndARefusedRefundChangesNothing() {
		Paid paid = paid(Duration.ofDays(7));
		String path = "/api/v1/organiser/reservations/" + paid.reservation() + "/refund";
		assertThat(api().anonymous().post(path, null, null).getStatusCode().value()).isEqualTo(401);
		assertThat(api().post(path, TestIssuer.tokenFor(paid.user()), null).getStatusCode().value()).isEqualTo(403);
		UserId stranger = this.boxOffice.fan(Points.ZERO);
		ResponseEntity<JsonNode> notTheirs = api().post(
				"/api/v1/users/" + paid.user() + "/reservations/" + paid.reservation() + "/refund",
				TestIssuer.tokenFor(stranger), null);
		assertThat(notTheirs.getStatusCode().value()).isEqualTo(403);
		assertThat(api().anonymous()
			.post("/api/v1/users/" + paid.user() + "/reservations/" + paid.reservation() + "/refund", null, null)
			.getStatusCode()
			.value()).isEqualTo(401);
		assertThat(this.points.balance(paid.user())).isEqualTo(Points.of(5_000 - PRICE));
		assertThat(refundRows(paid)).isZero();
		assertThat(column("SELECT status FROM payment WHERE reservation_id = ?", paid.reservation()))
			.isEqualTo("COMPLETED");
	}

	@Test
	void refusesToRefundWhatWasNeverPaidOrDoesNotExist() {
		Paid paid = paid(Duration.ofDays(7));
		UserId other = this.boxOffice.fan(Points.of(5_000));
		String token = api().token(paid.concert(), other);
		long seat = seatIds(paid, token).getFirst();
		String unpaid = hold(token, paid, seat).getBody().get("reservationId").asString();
		ResponseEntity<JsonNode> notPaid = refund(UUID.fromString(unpaid));
		assertThat(notPaid.getStatusCode().value()).isEqualTo(409);
		assertThat(notPaid.getBody().get("code").asString()).isEqualTo("NOT_PAID");
		assertThat(column("SELECT status FROM reservation WHERE id = ?", UUID.fromString(unpaid))).isEqualTo("HELD");
		assertThat(refund(UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
		assertThat(
				api().post("/api/v1/organiser/reservations/not-a-uuid/refund", ORGANISER, null).getStatusCode().value())
			.isEqualTo(400);
	}

	@Test
	void aFanRefundsTheirOwnTicketUntilTheDeadlineBeforeTheDate() {
		Paid early = paid(Duration.ofDays(7));
		ResponseEntity<JsonNode> own = api()
			.post("/api/v1/users/" + early.user() + "/reservations/" + early.reservation() + "/refund", null, null);
		assertThat(own.getStatusCode().value()).isEqualTo(200);
		assertThat(this.points.balance(early.user())).isEqualTo(Points.of(5_000));

		Paid late = paid(Duration.ofHours(24));
		ResponseEntity<JsonNode> tooLate = api()
			.post("/api/v1/users/" + late.user() + "/reservations/" + late.reservation() + "/refund", null, null);
		assertThat(tooLate.getStatusCode().value()).isEqualTo(409);
		assertThat(tooLate.getBody().get("code").asString()).isEqualTo("SELF_REFUND_CLOSED");
		assertThat(this.points.balance(late.user())).isEqualTo(Points.of(5_000 - PRICE));
		assertThat(refund(late.reservation()).getStatusCode().value()).as("an organiser still can").isEqualTo(200);
	}

	@Test
	void twoRefundsAtOnceGiveThePointsBackOnce() {
		for (int round = 0; round < 5; round++) {
			Paid paid = paid(Duration.ofDays(7));
			List<Race.Outcome<Integer>> outcomes = Race.run(4,
					(i) -> refund(paid.reservation()).getStatusCode().value());
			assertThat(Race.Outcome.values(outcomes)).containsOnly(200).hasSize(4);
			assertThat(this.points.balance(paid.user())).isEqualTo(Points.of(5_000));
			assertThat(refundRows(paid)).isEqualTo(1);
		}
	}

	@Test
	void aRefundRacingAHoldOfItsSeatLeavesTheSeatWithOneOwnerAtMost() {
		for (int round = 0; round < 5; round++) {
			Paid paid = paid(Duration.ofDays(7));
			UserId other = this.boxOffice.fan(Points.of(5_000));
			String token = api().token(paid.concert(), other);
			List<Race.Outcome<Integer>> outcomes = Race.run(4,
					(i) -> (i == 0) ? refund(paid.reservation()).getStatusCode().value()
							: hold(token, paid, paid.seat()).getStatusCode().value());
			List<Integer> codes = Race.Outcome.values(outcomes);
			assertThat(codes.getFirst()).isEqualTo(200);
			assertThat(codes.subList(1, codes.size())).allSatisfy((code) -> assertThat(code).isIn(200, 409));
			long holds = codes.subList(1, codes.size()).stream().filter((code) -> code == 200).count();
			assertThat(holds).isLessThanOrEqualTo(1);
			assertThat(this.jdbc.queryForObject("""
					SELECT count(*) FROM reservation
					 WHERE seat_id = ? AND (status = 'PAID' OR (status = 'HELD' AND expires_at > now()))""", Long.class,
					paid.seat()))
				.isEqualTo(holds);
			String seat = this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, paid.seat());
			assertThat(seat).isEqualTo((holds == 1) ? "HELD" : "AVAILABLE");
			assertThat(this.points.balance(paid.user())).isEqualTo(Points.of(5_000));
		}
	}

	private Paid paid(Duration untilTheDate) {
		ConcertId concert = this.boxOffice.concert("Refunds", untilTheDate, 3, Points.of(PRICE));
		UserId user = this.boxOffice.fan(Points.of(5_000));
		String token = api().token(concert, user);
		long date = api().get("/api/v1/concerts/" + concert + "/dates", token)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		Paid draft = new Paid(concert, date, 0, user, null);
		long seat = seatIds(draft, token).getFirst();
		String reservation = hold(token, draft, seat).getBody().get("reservationId").asString();
		assertThat(api().post("/api/v1/payments/" + reservation, token, null).getStatusCode().value()).isEqualTo(200);
		return new Paid(concert, date, seat, user, UUID.fromString(reservation));
	}

	private ResponseEntity<JsonNode> refund(UUID reservation) {
		return api().post("/api/v1/organiser/reservations/" + reservation + "/refund", ORGANISER, null);
	}

	private ResponseEntity<JsonNode> hold(String token, Paid paid, long seat) {
		return api().post("/api/v1/reservations/seats/" + seat, token,
				Map.of("concertId", paid.concert().toString(), "concertDateId", paid.date()));
	}

	private List<Long> seatIds(Paid paid, String token) {
		List<Long> ids = new java.util.ArrayList<>();
		api().get("/api/v1/concerts/" + paid.concert() + "/dates/" + paid.date() + "/seats", token)
			.getBody()
			.forEach((s) -> ids.add(s.get("seatId").asLong()));
		return ids;
	}

	private long refundRows(Paid paid) {
		return this.jdbc.queryForObject("SELECT count(*) FROM point_ledger WHERE kind = 'REFUND' AND reference = ?",
				Long.class, paid.reservation());
	}

	private String column(String sql, UUID id) {
		return this.jdbc.queryForObject(sql, String.class, id);
	}

	record Paid(ConcertId concert, long date, long seat, UserId user, UUID reservation) {
	}

}
