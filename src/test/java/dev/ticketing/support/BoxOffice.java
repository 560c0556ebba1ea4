package dev.ticketing.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.ticketing.common.Admission;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.Seat;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.payment.Payment;
import dev.ticketing.payment.PaymentService;
import dev.ticketing.point.PointService;
import dev.ticketing.reservation.HoldSeat;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationService;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationContext;

/**
 * What the integration tests set up again and again, in the words of the business: a
 * concert on sale, fans with a wallet, a held seat, a paid one. Every step goes through
 * the modules' public services, as an organiser and the fans themselves would, so what a
 * test sets up is what the service would hold. Every {@link IntegrationTest} has one; a
 * test that starts its own {@link Instances} builds one from an instance.
 */
@TestComponent
public class BoxOffice {

	/** When a concert starts unless a test says otherwise. */
	private static final Duration A_WEEK = Duration.ofDays(7);

	private final ConcertService concerts;

	private final PointService points;

	private final ReservationService reservations;

	private final PaymentService payments;

	private final Duration holdDuration;

	BoxOffice(ConcertService concerts, PointService points, ReservationService reservations, PaymentService payments,
			@Value("${concert.reservation.hold-duration}") Duration holdDuration) {
		this.concerts = concerts;
		this.points = points;
		this.reservations = reservations;
		this.payments = payments;
		this.holdDuration = holdDuration;
	}

	/** The box office of a service instance a test started itself. */
	public static BoxOffice of(ApplicationContext instance) {
		return new BoxOffice(instance.getBean(ConcertService.class), instance.getBean(PointService.class),
				instance.getBean(ReservationService.class), instance.getBean(PaymentService.class),
				instance.getEnvironment().getRequiredProperty("concert.reservation.hold-duration", Duration.class));
	}

	/** How long a hold lasts in this context. */
	public Duration holdDuration() {
		return this.holdDuration;
	}

	/**
	 * A concert on sale now with one date a week from now of {@code seats} seats at
	 * {@code price}, with that date and its seats as they are read back.
	 */
	public OnSale concertOnSale(String title, int seats, Points price) {
		return concertOnSale(title, A_WEEK, seats, price);
	}

	/**
	 * As {@link #concertOnSale(String, int, Points)}, its date {@code startsIn} from now.
	 */
	public OnSale concertOnSale(String title, Duration startsIn, int seats, Points price) {
		ConcertId concert = concert(title, startsIn, seats, price);
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		return new OnSale(concert, date, this.concerts.availableSeats(concert, date));
	}

	/**
	 * A concert on sale now with one date a week from now laid out as {@code hall}, with
	 * that date and its seats as they are read back.
	 */
	public OnSale concertOnSale(String title, SeatMap hall) {
		ConcertId concert = this.concerts.addConcert(title, "Hall", List.of(Instant.now().plus(A_WEEK)), hall, null);
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		return new OnSale(concert, date, this.concerts.availableSeats(concert, date));
	}

	/**
	 * Only the id of a concert on sale now, one date a week from now: for tests that
	 * never ask the catalogue for its dates or seats.
	 */
	public ConcertId concert(String title, int seats, Points price) {
		return concert(title, A_WEEK, seats, price);
	}

	/** As {@link #concert(String, int, Points)}, its date {@code startsIn} from now. */
	public ConcertId concert(String title, Duration startsIn, int seats, Points price) {
		return this.concerts.addConcert(title, "Hall", List.of(Instant.now().plus(startsIn)), seats, price);
	}

	/** A new fan whose wallet holds {@code balance}. */
	public UserId fan(Points balance) {
		return this.points.register(balance);
	}

	/**
	 * A new fan whose wallet holds {@code balance}, admitted to the sale as an ACTIVE
	 * queue token would admit them.
	 */
	public Admission admittedFan(OnSale sale, Points balance) {
		return sale.admit(fan(balance));
	}

	/** The seat held for the admitted fan. */
	public Reservation hold(Seat seat, Admission fan) {
		return hold(seat.concertId(), seat.concertDateId(), seat.id(), fan);
	}

	/** The seat held for the admitted fan. */
	public Reservation hold(ConcertId concert, ConcertDateId date, SeatId seat, Admission fan) {
		return this.reservations.hold(new HoldSeat(concert, date, seat), fan);
	}

	/** The fan's hold paid for out of their wallet. */
	public Payment pay(Reservation hold, Admission fan) {
		return this.payments.pay(hold.id(), QueuePass.admitted(fan));
	}

	/**
	 * A concert on sale: its first date and that date's seats as they were free when it
	 * went on sale, in seat-number order.
	 */
	public record OnSale(ConcertId concert, ConcertDateId date, List<Seat> seats) {

		public Seat seat(int index) {
			return this.seats.get(index);
		}

		public List<SeatId> seatIds() {
			return this.seats.stream().map(Seat::id).toList();
		}

		/** What an ACTIVE queue token of this concert grants {@code fan}. */
		public Admission admit(UserId fan) {
			return new Admission(this.concert, fan);
		}

		/** The body of {@code POST /api/v1/reservations/seats/{seatId}} for this date. */
		public Map<String, Object> holdBody() {
			return Map.of("concertId", this.concert.toString(), "concertDateId", this.date.value());
		}

	}

}
