package dev.ticketing.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.point.PointService;
import dev.ticketing.support.Api;
import dev.ticketing.support.Browser;
import dev.ticketing.support.Race;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fan's web app in a real browser: the whole purchase, two fans racing for a seat, a
 * waiting fan let in live.
 */
class FanWebAppBrowserTests extends BrowserTestSupport {

	@Autowired
	MeterRegistry meters;

	@Autowired
	PointService points;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aFanSeesWhichSeatsOthersHoldOrBoughtBuysOneToppingUpOnTheWayAndFindsItOnTheConcertsClock() {
		Points balance = this.points.balance(DemoAccounts.BOB.userId());
		long price = balance.value() + 5_000;
		// A late show in New York: already the next day in UTC.
		ZoneId newYork = ZoneId.of("America/New_York");
		LocalDateTime startsAt = LocalDate.now(newYork).plusDays(4).atTime(23, 30);
		ConcertId concert = concert("Purchase Night", newYork, startsAt, 20, price);
		// Another fan holds seat 5 and has bought seat 6 (paying ends their turn in
		// line).
		Api alice = api("alice");
		String alicesTurn = alice.token(concert, DemoAccounts.ALICE.userId());
		hold(alice, alicesTurn, concert, 5);
		this.points.charge(DemoAccounts.ALICE.userId(), price);
		assertThat(alice.post("/api/v1/payments/" + hold(alice, alicesTurn, concert, 6), alicesTurn, null)
			.getStatusCode()
			.is2xxSuccessful()).as("paid").isTrue();
		Browser bob = browser();

		bob.go("/");
		bob.heading("Concerts on sale");
		bob.screenshots("concerts");
		signInAndJoin(bob, "Purchase Night", "bob");
		bob.waitForRole("status", "It is your turn");
		String day = startsAt.format(DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH));
		bob.buttonNamed(day + " at 11:30");
		String seat = bob.buttonName("A, row 1, seat 3,");
		String points = String.format("%,d", price) + " points";
		assertThat(seat).isEqualTo("A, row 1, seat 3, " + points + ", free");
		assertThat(bob.buttonName("A, row 1, seat 5,"))
			.isEqualTo("A, row 1, seat 5, " + points + ", held by another fan");
		assertThat(bob.buttonName("A, row 1, seat 6,")).isEqualTo("A, row 1, seat 6, " + points + ", sold");
		assertThat(bob.buttonNamed("A, row 1, seat 5,").getDomAttribute("aria-disabled"))
			.as("a held seat cannot be chosen")
			.isEqualTo("true");
		assertThat(bob.buttonNamed("A, row 1, seat 6,").getDomAttribute("aria-disabled"))
			.as("a sold seat cannot be chosen")
			.isEqualTo("true");
		bob.buttonNamed("A, row 1, seat 5,").click();
		bob.waitForRole("alert", "Someone else just took this seat. Choose another free seat.");
		for (String state : List.of("Free", "Held by another fan", "Sold", "Held by you")) {
			assertThat(bob.driver()
				.findElements(By.xpath("//ul[@id='legend']/li[text()[normalize-space(.)='" + state + "']]")))
				.as("the legend explains " + state)
				.hasSize(1);
		}
		bob.screenshots("seat-map", "seats-heading");

		bob.buttonNamed("A, row 1, seat 3,").click();
		bob.until((driver) -> bob.buttonName("A, row 1, seat 3,")
			.equals("A, row 1, seat 3, " + points + ", held by you"));
		bob.waitForText("Held for you for");
		bob.waitForRole("status", "Your balance is too low");
		bob.screenshots("hold", "section-heading");
		assertThat(bob.field("Points to top up").getAttribute("value")).isEqualTo("5000");
		bob.button("Top up").click();
		bob.waitForRole("status", "Topped up");
		bob.button("Pay " + points).click();
		bob.waitForRole("status", "Paid: your ticket for A, row 1, seat 3");

		bob.link("My tickets").click();
		bob.heading("My tickets");
		String ticket = "Purchase Night, " + day + " at 11:30 PM: A, row 1, seat 3";
		// Chromium may put a narrow no-break space before PM.
		bob.until((driver) -> driver.findElements(By.tagName("h2"))
			.stream()
			.anyMatch((heading) -> heading.getText().replace('\u202f', ' ').equals(ticket)));
		bob.waitForText("You can refund this ticket yourself until");
		bob.screenshots("tickets");
		assertThat(this.jdbc.sql("""
				SELECT s.status FROM seat s JOIN concert_date d ON d.id = s.concert_date_id
				 WHERE d.concert_id = ? AND s.seat_number = 3""").param(concert.value()).query(String.class).single())
			.isEqualTo("SOLD");
		assertThat(this.points.balance(DemoAccounts.BOB.userId())).isEqualTo(Points.ZERO);
	}

	@Test
	void aFanRefundsTheirOwnTicketAndIsToldInPlainWordsWhenItIsTooLateToDoItThemselves() {
		ConcertId inThreeDays = concert("Refundable Night", 5, 1_000);
		ConcertId tomorrow = this.concerts.addConcert("Tomorrow Night", "Test Hall",
				List.of(Instant.now().plus(Duration.ofDays(1))), 5, Points.of(1_000));
		Api alice = api("alice");
		buyFirstFreeSeat(alice, DemoAccounts.ALICE.userId().toString(), inThreeDays, 0);
		buyFirstFreeSeat(alice, DemoAccounts.ALICE.userId().toString(), tomorrow, 0);
		long before = this.points.balance(DemoAccounts.ALICE.userId()).value();
		Browser browser = browser();
		browser.go("/tickets");
		browser.button("Sign in").click();
		browser.signInOnLoginPage("alice", "demo");
		browser.heading("My tickets");

		browser.waitForText("It is too late to refund this ticket yourself: refunds close shortly before "
				+ "the concert. Ask the organiser, giving them the booking number.");
		assertThat(refundButtons(browser, "Tomorrow Night")).as("past its deadline a ticket offers no refund")
			.isEmpty();

		browser.buttonNamed("Refund this ticket: Refundable Night").click();
		browser.waitForText("Give up this seat and get 1,000 points back?");
		browser.button("Refund 1,000 points").click();
		browser.waitForRole("status", "Refunded: 1,000 points are back in your balance.");
		assertThat(this.points.balance(DemoAccounts.ALICE.userId()).value()).isEqualTo(before + 1_000);
		browser.go("/tickets");
		browser.waitForText("Refunded: the points went back to your balance.");
		assertThat(refundButtons(browser, "Refundable Night")).as("a refunded ticket offers no refund").isEmpty();
	}

	private static List<WebElement> refundButtons(Browser browser, String title) {
		return browser.driver()
			.findElements(By.xpath("//button[starts-with(@aria-label, 'Refund this ticket: " + title + "')]"));
	}

	@Test
	void pagesSpeakKoreanToABrowserThatAsksForIt() {
		concert("한국어 공연", 5, 1_000);
		Browser browser = browser("ko");

		browser.go("/");
		browser.heading("예매 중인 공연");
		browser.link("한국어 공연 예매하기");
		browser.button("로그인");
	}

	@Test
	void twoFansRaceForOneSeatOneGetsItAndTheOtherIsToldAndSeesItTaken() {
		concert("Race Night", 10, 1_000);
		Browser alice = browser();
		Browser olivia = browser();
		for (var fan : java.util.Map.of(alice, "alice", olivia, "olivia").entrySet()) {
			signInAndJoin(fan.getKey(), "Race Night", fan.getValue());
			fan.getKey().buttonNamed("A, row 1, seat 1, 1,000 points, free");
		}

		Race.run(2, (i) -> {
			((i == 0) ? alice : olivia).buttonNamed("A, row 1, seat 1,").click();
			return i;
		});

		Browser winner = null;
		Browser loser = null;
		for (Browser fan : java.util.List.of(alice, olivia)) {
			fan.until((driver) -> fan.buttonName("A, row 1, seat 1,").endsWith("held by you")
					|| fan.buttonName("A, row 1, seat 1,").endsWith("held by another fan"));
			if (fan.buttonName("A, row 1, seat 1,").endsWith("held by you")) {
				winner = fan;
			}
			else {
				loser = fan;
			}
		}
		assertThat(winner).as("one fan holds the seat").isNotNull();
		assertThat(loser).as("the other does not").isNotNull();
		// Told whether the click reached the service (refused) or came after the map had
		// already shown the seat taken.
		loser.waitForRole("alert", "Someone else just took this seat. Choose another free seat.");
		assertThat(loser.buttonNamed("A, row 1, seat 1,").getDomAttribute("aria-disabled"))
			.as("a taken seat cannot be chosen")
			.isEqualTo("true");
		winner.button("Pay 1,000 points");
	}

	@Test
	void aWaitingFanIsLetInWhenASlotFreesWithoutReloading() {
		ConcertId concert = concert("Waiting Night", 10, 1_000);
		Api alice = api("alice");
		String alicesTurn = alice.token(concert, DemoAccounts.ALICE.userId());
		api("olivia").token(concert, DemoAccounts.OLIVIA.userId());
		Browser bob = browser();

		signInAndJoin(bob, "Waiting Night", "bob");
		bob.heading("Waiting room");
		bob.waitForRole("status", "You are next in line.");
		bob.waitForText("Estimated wait");
		bob.screenshots("waiting-room");
		bob.script("window.stillThisPage = true");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(openChannels("websocket")).as("the page follows its place over a WebSocket")
				.isEqualTo(1));
		assertThat(openChannels("event-stream")).as("and needs no event stream").isZero();
		double polls = statusPolls();

		alice.delete("/api/v1/queue/concerts/" + concert, alicesTurn);

		bob.waitForRole("status", "It is your turn");
		assertThat(statusPolls()).as("the turn came over the WebSocket, not by polling").isEqualTo(polls);
		bob.buttonNamed("A, row 1, seat 1, 1,000 points, free");
		assertThat(bob.script("return window.stillThisPage === true")).as("the page was not reloaded").isEqualTo(true);
	}

	/**
	 * Holds the seat numbered {@code seatNumber} of the concert's first date through the
	 * API, as the booking page would, and returns the reservation's id.
	 */
	private static String hold(Api fan, String turn, ConcertId concert, int seatNumber) {
		long date = fan.get("/api/v1/concerts/" + concert + "/dates", turn)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		JsonNode seats = fan.get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", turn).getBody();
		long seat = -1;
		for (JsonNode free : seats) {
			if (free.get("seatNumber").asInt() == seatNumber) {
				seat = free.get("seatId").asLong();
			}
		}
		return fan
			.post("/api/v1/reservations/seats/" + seat, turn,
					Map.of("concertId", concert.toString(), "concertDateId", date))
			.getBody()
			.get("reservationId")
			.asString();
	}

	private double openChannels(String kind) {
		return this.meters.get("concert.queue.channels.open").tag("kind", kind).gauge().value();
	}

	/** Status polls answered so far, of every concert. */
	private double statusPolls() {
		return this.meters.find("http.server.requests")
			.tag("method", "GET")
			.tag("uri", "/api/v1/queue/concerts/{concertId}")
			.timers()
			.stream()
			.mapToDouble((timer) -> timer.count())
			.sum();
	}

}
