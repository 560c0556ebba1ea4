package dev.ticketing.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.NewConcert;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hall of several sections in a real browser: the fan sees a plan of its sections with
 * their prices and free seats, opens one, and moves through its rows and seats and holds
 * one by keyboard alone, in Korean; on a phone the page stays as wide as the screen.
 */
class HallBrowserTests extends BrowserTestSupport {

	@Test
	void aFanChoosesASectionOnThePlanAndHoldsASeatByKeyboardAloneInKorean() {
		hall("구역 공연");
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
		fan.screenshots("hall-section");

		fan.resize(Browser.PHONE);
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

	private static String focused(Browser browser) {
		return (String) browser.script("return document.activeElement.getAttribute('aria-label')");
	}

}
