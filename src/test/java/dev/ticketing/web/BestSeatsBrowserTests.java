package dev.ticketing.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.NewConcert;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Best seats for me" in a real browser: a fan says how many seats together and where,
 * and sees the seats the service picked held for them, side by side, on the map and in
 * their holds, by keyboard, in English and in Korean.
 */
class BestSeatsBrowserTests extends BrowserTestSupport {

	@Test
	void aFanAsksForThreeSeatsTogetherInASectionAndSeesThemHeldSideBySide() {
		hall("Together Live");
		Browser fan = browser();
		signInAndJoin(fan, "Together Live", "bob");
		fan.heading("Best seats for me");

		fan.field("Seats together").sendKeys("3");
		new Select(fan.field("Where")).selectByVisibleText("Section Floor (2,000 points)");
		fan.button("Find and hold the best seats").sendKeys(Keys.ENTER);

		fan.waitForRole("status", "Held for you: Floor, row 1, seats");
		String said = (String) fan.script("return document.getElementById('best-status').textContent");
		assertThat(said).as("either end of the front row of six: the middle three would strand a seat")
			.containsAnyOf("seats 1–3.", "seats 4–6.");
		int first = said.contains("seats 1–3.") ? 1 : 4;
		for (int seat = first; seat < first + 3; seat++) {
			String name = "Floor, row 1, seat " + seat + ",";
			fan.until((driver) -> fan.buttonName(name).endsWith("2,000 points, held by you"));
		}
		fan.waitForText("Floor, row 1, seat " + first + ": 2,000 points");
		fan.waitForText("Floor, row 1, seat " + (first + 2) + ": 2,000 points");
		assertThat(fan.script("return document.activeElement.id")).as("the focus stays where the fan asked")
			.isEqualTo("best-submit");
		fan.screenshots("best-seats", "seats-heading");
	}

	@Test
	void aFanAsksForTwoSeatsOfAPriceBandInKoreanAndIsToldWhenNoneAreLeftTogether() {
		hall("함께 공연");
		Browser fan = browser("ko");
		fan.go("/");
		fan.link("함께 공연 예매하기").click();
		fan.button("로그인").click();
		fan.signInOnLoginPage("alice", "demo");
		fan.heading("최적 좌석 자동 선택");

		fan.field("함께 앉을 좌석 수").sendKeys("4");
		new Select(fan.field("위치")).selectByVisibleText("1,000포인트 좌석 (모든 구역)");
		fan.button("최적 좌석 찾아서 잡기").sendKeys(Keys.ENTER);
		fan.waitForRole("status", "2층 구역 1열 1–4번 좌석을 잡았습니다.");
		fan.until((driver) -> fan.buttonName("2층 1열 1번,").endsWith("내가 잡은 좌석"));

		fan.field("함께 앉을 좌석 수").sendKeys("1");
		fan.button("최적 좌석 찾아서 잡기").sendKeys(Keys.ENTER);
		fan.waitForRole("status", "그 위치에는 그만큼 나란히 붙은 빈 좌석이 없습니다.");
	}

	/**
	 * One date in three days: Floor of two rows of six at 2,000, 2층 of one row of four at
	 * 1,000.
	 */
	private ConcertId hall(String title) {
		ConcertId concert = this.sales
			.create(new NewConcert(title, "Test Hall", ZoneId.of("Asia/Seoul"), null, null, null));
		this.sales.addDate(concert, Instant.now().plus(Duration.ofDays(3)),
				new SeatMap(List.of(
						new SeatMap.Section("Floor",
								List.of(new SeatMap.Row("1", 6, 2_000), new SeatMap.Row("2", 6, 2_000))),
						new SeatMap.Section("2층", List.of(new SeatMap.Row("1", 4, 1_000))))));
		this.sales.change(concert, ConcertChanges.status(SaleStatus.ON_SALE));
		return concert;
	}

}
