package dev.ticketing.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.Seat;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.payment.PaymentService;
import dev.ticketing.payment.RefundService;
import dev.ticketing.point.PointService;
import dev.ticketing.reservation.HoldSeat;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.support.Browser;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sold-out date's waiting list in a real browser: the fan joins it from the booking
 * page, sees their place, is shown the seat held for them when someone's ticket is
 * refunded, and pays for it there; a second fan, reading Korean, waits behind them.
 */
class WaitingListBrowserTests extends BrowserTestSupport {

	@Autowired
	ReservationService reservations;

	@Autowired
	PaymentService payments;

	@Autowired
	RefundService refunds;

	@Autowired
	PointService points;

	@Test
	void aFanJoinsTheWaitingListOfASoldOutDateIsOfferedARefundedSeatAndPaysForIt() {
		ConcertId concert = concert("Waitlist Night", 1, 1_000);
		Reservation sold = soldToSomeoneElse(concert);

		Browser alice = browser();
		signInAndJoin(alice, "Waitlist Night", "alice");
		alice.waitForRole("status", "It is your turn");
		alice.waitForText("This date is sold out.");
		alice.button("Join the waiting list").click();
		alice.waitForText("You are number 1 on this date's waiting list.");

		Browser bob = browser("ko");
		bob.go("/");
		bob.link("Waitlist Night 예매하기").click();
		bob.button("로그인").click();
		bob.signInOnLoginPage("bob", "demo");
		bob.heading("Waitlist Night");
		bob.button("대기자 명단에 등록").click();
		bob.waitForText("이 회차 대기자 명단에서 2번째입니다.");
		bob.screenshots("waiting-list-ko", "section-heading");

		this.refunds.refundByOrganiser(sold.id(), DemoAccounts.OLIVIA.userId());

		alice.waitForText("A seat is held for you until");
		alice.waitForText("A, row 1, seat 1, 1,000 points. Pay now, or it goes to the next fan on the list.");
		alice.screenshots("waiting-list-offer", "section-heading");
		assertThat(alice.driver().findElement(By.id("waiting-list")).getText()).as("no second place offered meanwhile")
			.doesNotContain("Join the waiting list");
		alice.button("Pay 1,000 points now").click();
		alice.waitForText("Paid: your ticket for");
		bob.waitForText("이 회차 대기자 명단에서 1번째입니다.");
	}

	/** The concert's only seat, held and paid for by a fan of no browser. */
	private Reservation soldToSomeoneElse(ConcertId concert) {
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		Seat seat = this.concerts.availableSeats(concert, date).getFirst();
		UserId buyer = this.points.register(Points.of(1_000));
		Admission admission = new Admission(concert, buyer);
		Reservation held = this.reservations.hold(new HoldSeat(concert, date, seat.id()), admission);
		this.payments.pay(held.id(), QueuePass.admitted(admission));
		return held;
	}

}
