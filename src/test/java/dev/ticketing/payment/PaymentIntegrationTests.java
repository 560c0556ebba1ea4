package dev.ticketing.payment;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.Seat;
import dev.ticketing.concert.SeatId;
import dev.ticketing.point.InsufficientBalance;
import dev.ticketing.point.PointService;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationId;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Paying for a held seat against the real PostgreSQL: charged once however often it is
 * sent, and a refused payment leaves every table as it was. Holds expire by moving a
 * clock, never by waiting; the sweep is held off so that expiry is seen to need it not.
 */
@IntegrationTest
@Import(MutableClockConfiguration.class)
// A token left idle through a whole hold would expire first (idle timeout 2m < hold 5m);
// these tests are about the hold, so the queue keeps them admitted.
@TestPropertySource(properties = { "concert.reservation.sweep-interval=1h", "concert.queue.idle-timeout=1h" })
class PaymentIntegrationTests {

	private static final Points PRICE = Points.of(1_000);

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	PaymentService payments;

	@Autowired
	ReservationService reservations;

	@Autowired
	ConcertService concerts;

	@Autowired
	PointService points;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Test
	void twentyConcurrentPaymentsOfOneReservationChargeItOnce() {
		Booking booking = held(Points.of(5_000));

		List<Outcome<Payment>> outcomes = Race.run(20,
				(i) -> this.payments.pay(booking.reservation(), QueuePass.admitted(booking.admission())));

		assertThat(Outcome.failures(outcomes)).isEmpty();
		List<Payment> paid = Outcome.values(outcomes);
		assertThat(paid).extracting(Payment::id)
			.as("every call returns the one payment")
			.containsOnly(paid.getFirst().id());
		assertThat(paid).allSatisfy((payment) -> assertThat(payment.amount()).isEqualTo(PRICE));
		assertThat(this.points.balance(booking.user())).isEqualTo(Points.of(4_000));
		assertThat(this.jdbc.queryForList("SELECT id FROM payment WHERE reservation_id = ?", UUID.class,
				booking.reservationId()))
			.containsExactly(paid.getFirst().id());
		assertThat(this.jdbc.queryForList("SELECT reference FROM point_ledger WHERE user_id = ? AND kind = 'USE'",
				UUID.class, booking.user().value()))
			.containsExactly(booking.reservationId());
		State after = state(booking);
		assertThat(after.reservation()).isEqualTo("PAID");
		assertThat(after.seat()).isEqualTo("SOLD");
		assertThat(after.seatHolder()).isEqualTo(booking.user().value());
	}

	@Test
	void concurrentPaymentsOfTwoHoldsWithMoneyForOnePayExactlyOne() {
		OnSale sale = this.boxOffice.concertOnSale("Pay", 2, PRICE);
		UserId user = this.boxOffice.fan(Points.of(1_500));
		Admission admission = sale.admit(user);
		List<Reservation> holds = sale.seats().stream().map((seat) -> this.boxOffice.hold(seat, admission)).toList();

		List<Outcome<Payment>> outcomes = Race.run(holds.size(),
				(i) -> this.payments.pay(holds.get(i).id(), QueuePass.admitted(admission)));

		assertThat(Outcome.values(outcomes)).hasSize(1);
		assertThat(Outcome.failures(outcomes)).singleElement().isInstanceOf(InsufficientBalance.class);
		ReservationId paid = Outcome.values(outcomes).getFirst().reservationId();
		Reservation refused = holds.stream().filter((r) -> !r.id().equals(paid)).findFirst().orElseThrow();
		assertThat(this.points.balance(user)).isEqualTo(Points.of(500));
		assertThat(this.jdbc.queryForList("SELECT reservation_id FROM payment WHERE user_id = ?", UUID.class,
				user.value()))
			.containsExactly(paid.value());
		assertThat(state(new Booking(sale.concert(), sale.date(), refused.seatId(), user, refused.id())))
			.as("the refused hold is untouched")
			.isEqualTo(new State("HELD", "HELD", user.value(), refused.id().value(), 500, 0, 2));
	}

	@Test
	void payingAndCancellingAtOnceEndInASaleOrAFreeSeatNeverInBoth() {
		for (int round = 0; round < 20; round++) {
			Booking booking = held(Points.of(5_000));

			List<Outcome<Object>> outcomes = Race.run(8, (i) -> {
				if (i % 2 == 0) {
					return this.payments.pay(booking.reservation(), QueuePass.admitted(booking.admission()));
				}
				this.reservations.cancel(booking.reservation(), QueuePass.admitted(booking.admission()));
				return "cancelled";
			});

			State after = state(booking);
			boolean sold = Outcome.values(outcomes).stream().anyMatch(Payment.class::isInstance);
			if (sold) {
				assertThat(after).as("round %d", round)
					.isEqualTo(new State("PAID", "SOLD", booking.user().value(), booking.reservationId(), 4_000, 1, 2));
				assertThat(Outcome.failures(outcomes)).as("every cancel is told it came too late, round %d", round)
					.hasSize(4)
					.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
							(problem) -> assertThat(problem.code()).isEqualTo("RESERVATION_CONFIRMED")));
			}
			else {
				assertThat(after).as("round %d", round)
					.isEqualTo(new State("CANCELLED", "AVAILABLE", null, null, 5_000, 0, 1));
				assertThat(Outcome.failures(outcomes)).as("round %d", round)
					.hasSize(4)
					.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
							(problem) -> assertThat(problem.code()).isEqualTo("HOLD_EXPIRED")));
			}
		}
	}

	@Test
	void insufficientBalanceIsRefusedAndChangesNothing() {
		Booking booking = held(Points.of(999));
		State before = state(booking);

		assertThatExceptionOfType(InsufficientBalance.class)
			.isThrownBy(() -> this.payments.pay(booking.reservation(), QueuePass.admitted(booking.admission())))
			.satisfies((refusal) -> {
				assertThat(refusal.status()).isEqualTo(409);
				assertThat(refusal.code()).isEqualTo("INSUFFICIENT_BALANCE");
			});

		assertThat(state(booking)).isEqualTo(before);
		assertThat(before)
			.isEqualTo(new State("HELD", "HELD", booking.user().value(), booking.reservationId(), 999, 0, 1));
		this.points.charge(booking.user(), 1);
		assertThat(this.payments.pay(booking.reservation(), QueuePass.admitted(booking.admission())).amount())
			.as("the hold survived the refusal and can still be paid")
			.isEqualTo(PRICE);
		assertThat(this.points.balance(booking.user())).isEqualTo(Points.ZERO);
	}

	@Test
	void payingAnotherUsersReservationIsNotFoundAndChangesNothing() {
		Booking booking = held(Points.of(5_000));
		UserId intruder = this.boxOffice.fan(Points.of(5_000));
		State before = state(booking);

		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.payments.pay(booking.reservation(),
					QueuePass.admitted(new Admission(booking.concert(), intruder))))
			.satisfies((refusal) -> {
				assertThat(refusal.status()).isEqualTo(404);
				assertThat(refusal.code()).isEqualTo("RESERVATION_NOT_FOUND");
			});

		assertThat(state(booking)).isEqualTo(before);
		assertThat(this.points.balance(intruder)).isEqualTo(Points.of(5_000));
		assertThat(ledgerRows(intruder)).isEqualTo(1);
		assertThat(this.payments.pay(booking.reservation(), QueuePass.admitted(booking.admission())).userId())
			.isEqualTo(booking.user());
	}

	@Test
	void payingAfterTheHoldExpiredIsGoneAndTakesNoMoney() {
		Booking booking = held(Points.of(5_000));
		State before = state(booking);

		this.clock.advance(this.boxOffice.holdDuration());

		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.payments.pay(booking.reservation(), QueuePass.admitted(booking.admission())))
			.satisfies((refusal) -> {
				assertThat(refusal.status()).isEqualTo(410);
				assertThat(refusal.code()).isEqualTo("HOLD_EXPIRED");
			});
		assertThat(state(booking)).isEqualTo(before);
		assertThat(this.points.balance(booking.user())).isEqualTo(Points.of(5_000));
	}

	@Test
	void aHoldCanBePaidUntilTheInstantItExpires() {
		Booking booking = held(Points.of(5_000));

		this.clock.advance(this.boxOffice.holdDuration().minusMillis(1));

		assertThat(this.payments.pay(booking.reservation(), QueuePass.admitted(booking.admission())).amount())
			.isEqualTo(PRICE);
		this.clock.advance(Duration.ofHours(1));
		assertThat(state(booking).seat()).as("a sold seat never expires").isEqualTo("SOLD");
		assertThat(this.concerts.availableSeats(booking.concert(), booking.date())).isEmpty();
	}

	@Test
	void anExpiredHoldFreesTheSeatAtOnceForAnotherUser() {
		Booking first = held(Points.of(5_000));
		assertThat(this.concerts.availableSeats(first.concert(), first.date())).isEmpty();
		assertThat(this.concerts.dates(first.concert()).getFirst().availableSeats()).isZero();

		this.clock.advance(this.boxOffice.holdDuration());

		assertThat(this.concerts.availableSeats(first.concert(), first.date())).extracting(Seat::id)
			.containsExactly(first.seat());
		assertThat(this.concerts.dates(first.concert()).getFirst().availableSeats()).isOne();
		UserId second = this.boxOffice.fan(Points.of(5_000));
		Admission secondAdmission = new Admission(first.concert(), second);
		Reservation taken = this.boxOffice.hold(first.concert(), first.date(), first.seat(), secondAdmission);
		assertThat(this.jdbc.queryForObject("SELECT status FROM reservation WHERE id = ?", String.class,
				first.reservationId()))
			.as("no sweep has run: the first hold is expired by its time alone")
			.isEqualTo("HELD");

		assertThatExceptionOfType(ProblemException.class)
			.isThrownBy(() -> this.payments.pay(first.reservation(), QueuePass.admitted(first.admission())))
			.satisfies((refusal) -> assertThat(refusal.code()).isEqualTo("HOLD_EXPIRED"));
		assertThat(this.points.balance(first.user())).isEqualTo(Points.of(5_000));
		Payment payment = this.payments.pay(taken.id(), QueuePass.admitted(secondAdmission));

		assertThat(payment.userId()).isEqualTo(second);
		assertThat(this.points.balance(second)).isEqualTo(Points.of(4_000));
		Map<String, Object> seat = this.jdbc
			.queryForMap("SELECT status, holder_id, reservation_id FROM seat WHERE id = ?", first.seat().value());
		assertThat(seat).containsEntry("status", "SOLD")
			.containsEntry("holder_id", second.value())
			.containsEntry("reservation_id", taken.id().value());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM payment WHERE user_id = ?", Long.class,
				first.user().value()))
			.isZero();
	}

	@Test
	void refusedPaymentsOverHttpAreProblemsWithTheirStatusAndCode() {
		Api api = new Api(this.port);
		Booking poor = held(Points.of(999));
		String token = api.token(poor.concert(), poor.user());

		ResponseEntity<JsonNode> insufficient = api.post("/api/v1/payments/" + poor.reservation(), token, null);
		assertThat(insufficient.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(insufficient.getBody().get("code").asString()).isEqualTo("INSUFFICIENT_BALANCE");

		Booking other = held(Points.of(5_000));
		String otherToken = api.token(other.concert(), poor.user());
		ResponseEntity<JsonNode> notYours = api.post("/api/v1/payments/" + other.reservation(), otherToken, null);
		assertThat(notYours.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(notYours.getBody().get("code").asString()).isEqualTo("RESERVATION_NOT_FOUND");

		Booking late = held(Points.of(5_000));
		String lateToken = api.token(late.concert(), late.user());
		this.clock.advance(this.boxOffice.holdDuration());
		ResponseEntity<JsonNode> expired = api.post("/api/v1/payments/" + late.reservation(), lateToken, null);
		assertThat(expired.getStatusCode()).isEqualTo(HttpStatus.GONE);
		assertThat(expired.getBody().get("code").asString()).isEqualTo("HOLD_EXPIRED");
		assertThat(this.points.balance(late.user())).isEqualTo(Points.of(5_000));
	}

	/**
	 * A new concert of one seat at {@link #PRICE}, held by a new user who has
	 * {@code balance} points.
	 */
	private Booking held(Points balance) {
		OnSale sale = this.boxOffice.concertOnSale("Pay", 1, PRICE);
		UserId user = this.boxOffice.fan(balance);
		Reservation reservation = this.boxOffice.hold(sale.seat(0), sale.admit(user));
		return new Booking(sale.concert(), sale.date(), sale.seat(0).id(), user, reservation.id());
	}

	private State state(Booking booking) {
		Map<String, Object> seat = this.jdbc
			.queryForMap("SELECT status, holder_id, reservation_id FROM seat WHERE id = ?", booking.seat().value());
		return new State(
				this.jdbc.queryForObject("SELECT status FROM reservation WHERE id = ?", String.class,
						booking.reservationId()),
				(String) seat.get("status"), (UUID) seat.get("holder_id"), (UUID) seat.get("reservation_id"),
				this.jdbc.queryForObject("SELECT balance FROM wallet WHERE user_id = ?", Long.class,
						booking.user().value()),
				this.jdbc.queryForObject("SELECT count(*) FROM payment WHERE reservation_id = ?", Long.class,
						booking.reservationId()),
				ledgerRows(booking.user()));
	}

	private long ledgerRows(UserId user) {
		return this.jdbc.queryForObject("SELECT count(*) FROM point_ledger WHERE user_id = ?", Long.class,
				user.value());
	}

	record Booking(ConcertId concert, ConcertDateId date, SeatId seat, UserId user, ReservationId reservation) {

		Admission admission() {
			return new Admission(this.concert, this.user);
		}

		UUID reservationId() {
			return this.reservation.value();
		}

	}

	/** Everything a payment may change, as the database holds it. */
	record State(String reservation, String seat, UUID seatHolder, UUID seatReservation, long balance, long payments,
			long ledgerRows) {
	}

}
