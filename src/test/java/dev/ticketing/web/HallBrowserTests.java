package dev.ticketing.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.NewConcert;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.support.Api;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hall of several sections in a real browser: the fan sees a plan of its sections with
 * their prices and free seats, opens one, and moves through its rows and seats and holds
 * one by keyboard alone, in Korean; another fan's hold shows on the open section and the
 * plan unasked; on a phone the page stays as wide as the screen. A long section draws
 * only the rows in view, and the keys reach the others, drawing them as they go.
 */
class HallBrowserTests extends BrowserTestSupport {

	@Test
	void aFanChoosesASectionOnThePlanAndHoldsASeatByKeyboardAloneInKorean() {
		ConcertId concert = hall("구역 공연");
		Browser fan = browser("ko");
		fan.go("/");
		fan.link("구역 공연 예매하기").click();
		fan.button("로그인").click();
		fan.signInOnLoginPage("bob", "demo");
		fan.heading("구역 공연");

		assertThat(fan.buttonName("1층 A:")).isEqualTo("1층 A: 1,500~2,000포인트, 전체 10석 중 10석 남음");
		assertThat(fan.buttonName("1층 B:")).isEqualTo("1층 B: 1,000포인트, 전체 10석 중 10석 남음");
		assertThat(fan.buttonName("2층:")).isEqualTo("2층: 500포인트, 전체 4석 중 4석 남음");
		fan.screenshots("hall-plan");

		fan.buttonNamed("1층 B:").sendKeys(Keys.ENTER);
		fan.until((driver) -> "1층 B 구역".equals(fan.script("return document.activeElement.textContent")));
		assertThat(fan.buttonNamed("1층 B:").getDomAttribute("aria-pressed")).isEqualTo("true");

		press(fan, Keys.TAB);
		assertThat(focused(fan)).isEqualTo("1층 B 1열 1번, 1,000포인트, 빈 좌석");
		press(fan, Keys.ARROW_RIGHT);
		assertThat(focused(fan)).isEqualTo("1층 B 1열 2번, 1,000포인트, 빈 좌석");
		press(fan, Keys.ARROW_DOWN);
		assertThat(focused(fan)).isEqualTo("1층 B 2열 2번, 1,000포인트, 빈 좌석");
		press(fan, Keys.END);
		assertThat(focused(fan)).isEqualTo("1층 B 2열 5번, 1,000포인트, 빈 좌석");
		press(fan, Keys.ARROW_UP);
		press(fan, Keys.HOME);
		press(fan, Keys.ARROW_RIGHT);
		press(fan, Keys.ARROW_RIGHT);
		assertThat(focused(fan)).isEqualTo("1층 B 1열 3번, 1,000포인트, 빈 좌석");
		assertThat(fan.script("return document.querySelectorAll('#seat-map [tabindex=\"0\"]').length"))
			.as("the seats are one tab stop")
			.isEqualTo(1L);

		press(fan, Keys.ENTER);
		fan.until((driver) -> "1층 B 1열 3번, 1,000포인트, 내가 잡은 좌석".equals(focused(fan)));
		fan.waitForText("1층 B 1열 3번: 1,000포인트");
		// The plan follows: one seat fewer in section B.
		fan.until((driver) -> fan.buttonName("1층 B:").equals("1층 B: 1,000포인트, 전체 10석 중 9석 남음"));
		fan.screenshots("hall-section", "seats-heading");

		// Another fan takes a seat of the open section: the page shows it, unasked.
		Api alice = api("alice");
		String turn = alice.token(concert, DemoAccounts.ALICE.userId());
		long date = alice.get("/api/v1/concerts/" + concert + "/dates", turn)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		long seat = -1;
		for (JsonNode free : alice.get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", turn).getBody()) {
			if (free.get("label").asString().equals("1층 B-2-5")) {
				seat = free.get("seatId").asLong();
			}
		}
		assertThat(alice
			.post("/api/v1/reservations/seats/" + seat, turn,
					Map.of("concertId", concert.toString(), "concertDateId", date))
			.getStatusCode()
			.is2xxSuccessful()).as("alice holds B, row 2, seat 5").isTrue();
		fan.until((driver) -> fan.buttonName("1층 B 2열 5번,").equals("1층 B 2열 5번, 1,000포인트, 다른 사람이 잡은 좌석"));
		fan.until((driver) -> fan.buttonName("1층 B:").equals("1층 B: 1,000포인트, 전체 10석 중 8석 남음"));

		fan.resize(Browser.PHONE);
		assertThat(fan.script("return document.documentElement.scrollWidth <= window.innerWidth"))
			.as("a phone scrolls the seats inside the map, not the page sideways")
			.isEqualTo(true);
	}

	@Test
	void aFanMovesByKeyboardIntoRowsOfALongSectionThatAreNotDrawnYet() {
		ConcertId concert = this.sales
			.create(new NewConcert("Long Hall", "Test Hall", ZoneId.of("Asia/Seoul"), null, null, null));
		List<SeatMap.Row> rows = new ArrayList<>();
		for (int row = 1; row <= 60; row++) {
			rows.add(new SeatMap.Row(String.valueOf(row), 8, 1_000));
		}
		this.sales.addDate(concert, Instant.now().plus(Duration.ofDays(3)),
				new SeatMap(List.of(new SeatMap.Section("Floor", rows),
						new SeatMap.Section("Balcony", List.of(new SeatMap.Row("1", 4, 500))))));
		this.sales.change(concert, ConcertChanges.status(SaleStatus.ON_SALE));
		Browser fan = browser();
		signInAndJoin(fan, "Long Hall", "bob");
		fan.buttonNamed("Floor:").sendKeys(Keys.ENTER);
		fan.until((driver) -> "Section Floor".equals(fan.script("return document.activeElement.textContent")));

		assertThat(
				fan.script("return document.querySelector('#seat-map [role=\"grid\"]').getAttribute('aria-rowcount')"))
			.as("the grid says how many rows the section has")
			.isEqualTo("60");
		assertThat((Long) fan.script("return document.querySelectorAll('#seat-map [role=\"row\"]').length"))
			.as("only the rows in view and a few beyond are drawn")
			.isLessThan(40L);

		press(fan, Keys.TAB);
		assertThat(focused(fan)).isEqualTo("Floor, row 1, seat 1, 1,000 points, free");
		press(fan, Keys.PAGE_DOWN);
		press(fan, Keys.PAGE_DOWN);
		press(fan, Keys.PAGE_DOWN);
		press(fan, Keys.PAGE_DOWN);
		press(fan, Keys.ARROW_RIGHT);
		assertThat(focused(fan)).isEqualTo("Floor, row 41, seat 2, 1,000 points, free");
		assertThat(focusedRowIndex(fan)).isEqualTo("41");
		for (int row = 41; row < 60; row++) {
			press(fan, Keys.ARROW_DOWN);
		}
		assertThat(focused(fan)).isEqualTo("Floor, row 60, seat 2, 1,000 points, free");
		assertThat(focusedRowIndex(fan)).isEqualTo("60");
		assertThat(fan.script("const box = document.activeElement.getBoundingClientRect();"
				+ " return box.top >= 0 && box.bottom <= innerHeight + 1"))
			.as("the focused seat is in view")
			.isEqualTo(true);
		fan.until((driver) -> fan.script("return document.querySelector('#seat-map [aria-rowindex=\"1\"]') === null"
				+ " && document.querySelector('#seat-map [aria-rowindex=\"55\"]') !== null"));
		assertThat(fan.script("return document.querySelectorAll('#seat-map [tabindex=\"0\"]').length"))
			.as("the seats are one tab stop")
			.isEqualTo(1L);

		press(fan, Keys.ENTER);
		fan.until((driver) -> "Floor, row 60, seat 2, 1,000 points, held by you".equals(focused(fan)));
		press(fan, Keys.chord(Keys.CONTROL, Keys.HOME));
		assertThat(focused(fan)).isEqualTo("Floor, row 1, seat 1, 1,000 points, free");
		assertThat(focusedRowIndex(fan)).isEqualTo("1");
		press(fan, Keys.ARROW_UP);
		assertThat(focused(fan)).as("nothing above the first row")
			.isEqualTo("Floor, row 1, seat 1, 1,000 points, free");

		// A phone: as wide as the screen, and the rows scrolled to are drawn.
		fan.resize(Browser.PHONE);
		fan.script("window.scrollTo(0, document.body.scrollHeight)");
		fan.until((driver) -> fan.script("const rows = document.querySelectorAll('#seat-map [role=\"row\"]');"
				+ " const last = rows[rows.length - 1].getBoundingClientRect();"
				+ " return rows[rows.length - 1].getAttribute('aria-rowindex') === '60' && last.bottom <= innerHeight"));
		assertThat(fan.script("return document.documentElement.scrollWidth <= window.innerWidth"))
			.as("a phone scrolls the seats inside the map, not the page sideways")
			.isEqualTo(true);
	}

	/**
	 * One date in three days: 1층 A of two rows of five at 2,000 and 1,500, 1층 B of two
	 * rows of five at 1,000, 2층 of one row of four at 500.
	 */
	private ConcertId hall(String title) {
		ConcertId concert = this.sales
			.create(new NewConcert(title, "Test Hall", ZoneId.of("Asia/Seoul"), null, null, null));
		this.sales.addDate(concert, Instant.now().plus(Duration.ofDays(3)), new SeatMap(List.of(
				new SeatMap.Section("1층 A", List.of(new SeatMap.Row("1", 5, 2_000), new SeatMap.Row("2", 5, 1_500))),
				new SeatMap.Section("1층 B", List.of(new SeatMap.Row("1", 5, 1_000), new SeatMap.Row("2", 5, 1_000))),
				new SeatMap.Section("2층", List.of(new SeatMap.Row("1", 4, 500))))));
		this.sales.change(concert, ConcertChanges.status(SaleStatus.ON_SALE));
		return concert;
	}

	private static void press(Browser browser, CharSequence key) {
		WebElement active = browser.driver().switchTo().activeElement();
		active.sendKeys(key);
	}

	private static String focusedRowIndex(Browser browser) {
		return (String) browser
			.script("return document.activeElement.closest('[role=\"row\"]').getAttribute('aria-rowindex')");
	}

	private static String focused(Browser browser) {
		return (String) browser.script("return document.activeElement.getAttribute('aria-label')");
	}

}
