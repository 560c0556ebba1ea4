package dev.ticketing.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.chromium.HasNetworkConditions;
import org.openqa.selenium.support.ui.Select;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.concert.ConcertDate;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.support.Api;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate page in real Chromium: gate staff type a ticket's code and see a green ADMIT
 * with the seat, then red for the same ticket again; without signal two gates each let
 * the same ticket in, checking the code on the device, and once back online the one that
 * sends its scan second is shown the conflict, the first scan winning.
 */
class GateBrowserTests extends BrowserTestSupport {

	@Test
	void aTypedCodeIsAdmittedWithItsSeatAndRefusedTheSecondTime() {
		ConcertId concert = concert("Gate Night", 2, 1_000);
		String code = printedCode(api("alice"), DemoAccounts.ALICE.userId().toString(), concert);
		Browser gate = openGate(browser(), concert, "North 1");

		scan(gate, code);
		assertThat(verdict(gate, "ADMIT")).contains("Section", "row", "seat");
		gate.screenshots("gate-admit");
		scan(gate, code);
		assertThat(verdict(gate, "REFUSED")).contains("Already used: admitted at gate North 1");
		gate.screenshots("gate-refused");
	}

	@Test
	void aGateCheckingInForOneDateRefusesATicketForAnotherOnlineAndOffline() {
		ConcertId concert = this.concerts.addConcert("Two Nights", "Test Hall",
				List.of(Instant.now().plus(Duration.ofDays(3)), Instant.now().plus(Duration.ofDays(4))), 2,
				Points.of(1_000));
		List<ConcertDate> dates = this.concerts.dates(concert);
		String code = printedCode(api("alice"), DemoAccounts.ALICE.userId().toString(), concert, 1);
		Browser gate = openGate(browser(), concert, "North 1", dates.get(0).id().value());

		scan(gate, code);
		assertThat(verdict(gate, "REFUSED")).contains("Wrong day");
		offline(gate, true);
		scan(gate, code);
		assertThat(verdict(gate, "REFUSED")).contains("Wrong day");
		offline(gate, false);
	}

	@Test
	void aFanWithoutTheGateRoleIsToldThePageIsNotTheirs() {
		Browser fan = browser();
		fan.go("/gate");
		fan.button("Sign in").click();
		fan.signInOnLoginPage("alice", "demo");
		fan.heading("Gate");
		fan.waitForRole("alert", "This page is for gate staff and organisers");
		assertThat(fan.driver().findElement(By.id("tools")).isDisplayed()).isFalse();
	}

	@Test
	void twoGatesWithoutSignalBothAdmitATicketAndOnSyncTheSecondIsShownTheConflict() {
		ConcertId concert = concert("Dark Hall", 2, 1_000);
		String code = printedCode(api("alice"), DemoAccounts.ALICE.userId().toString(), concert);
		Browser north = openGate(browser(), concert, "North 1");
		Browser south = openGate(browser("ko"), concert, "South 2");

		offline(north, true);
		offline(south, true);
		scan(north, code);
		assertThat(verdict(north, "ADMIT")).contains("Section", "without signal");
		scan(north, code);
		assertThat(verdict(north, "REFUSED")).contains("Already used: admitted on this device");
		scan(south, code);
		assertThat(verdict(south, "ADMIT")).contains("구역", "신호 없이");
		south.button("대기 중인 스캔 보내기").click();
		south.waitForRole("status", "대기 중인 스캔 1건");

		offline(north, false);
		north.button("Send waiting scans").click();
		north.waitForRole("status", "1 scans sent, 0 scanned at another gate too");
		offline(south, false);
		south.button("대기 중인 스캔 보내기").click();
		south.waitForRole("status", "스캔 1건 전송, 그중 1건은 다른 게이트에서도 스캔됨");
		WebElement conflict = south.until((driver) -> driver.findElement(By.cssSelector("#conflicts li")));
		assertThat(conflict.getText()).contains("게이트 North 1에서");
		assertThat(north.driver().findElements(By.cssSelector("#conflicts li"))).isEmpty();
	}

	private Browser openGate(Browser browser, ConcertId concert, String name) {
		return openGate(browser, concert, name, null);
	}

	/** The gate page opened for the concert's {@code date}, or its first date if null. */
	private Browser openGate(Browser browser, ConcertId concert, String name, Long date) {
		browser.go("/gate");
		boolean korean = browser.script("return document.documentElement.lang").equals("ko");
		browser.button(korean ? "로그인" : "Sign in").click();
		browser.signInOnLoginPage("gary", "demo");
		WebElement select = browser.field(korean ? "공연" : "Concert");
		browser.until((driver) -> !new Select(select).getOptions().isEmpty());
		new Select(select).selectByValue(concert.toString());
		if (date != null) {
			WebElement day = browser.field(korean ? "날짜" : "Date");
			browser.until((driver) -> new Select(day).getOptions()
				.stream()
				.anyMatch((option) -> option.getDomAttribute("value").equals(date.toString())));
			new Select(day).selectByValue(date.toString());
		}
		WebElement gate = browser.field(korean ? "게이트" : "Gate");
		gate.clear();
		gate.sendKeys(name);
		browser.button(korean ? "게이트 열기" : "Open the gate").click();
		browser.until((driver) -> driver.findElement(By.id("gate-code")).isDisplayed());
		// The keys and the voided list are on the device before the signal goes.
		browser.until((driver) -> browser.script("return localStorage.getItem('gate.voided." + concert + "')") != null
				&& browser.script("return localStorage.getItem('gate.keys')") != null);
		return browser;
	}

	private static void scan(Browser gate, String code) {
		gate.script("document.getElementById('verdict').hidden = true");
		WebElement field = gate.driver().findElement(By.id("gate-code"));
		field.sendKeys(code);
		gate.driver().findElement(By.cssSelector("#scan button[type=submit]")).click();
	}

	/** Waits for the answer, green ADMIT or red REFUSED, and returns what it says. */
	private static String verdict(Browser gate, String verdict) {
		return gate.until((driver) -> {
			WebElement panel = driver.findElement(By.id("verdict"));
			return panel.isDisplayed() && verdict.equals(panel.getDomAttribute("data-verdict")) ? panel.getText()
					: null;
		});
	}

	private static void offline(Browser browser, boolean offline) {
		HasNetworkConditions network = (HasNetworkConditions) browser.driver();
		if (offline) {
			ChromiumNetworkConditions conditions = new ChromiumNetworkConditions();
			conditions.setOffline(true);
			network.setNetworkConditions(conditions);
		}
		else {
			network.deleteNetworkConditions();
		}
	}

	/** The fan buys the concert's first free seat and gets the ticket's printed code. */
	private static String printedCode(Api fan, String userId, ConcertId concert) {
		return printedCode(fan, userId, concert, 0);
	}

	/** As above, a seat of the concert's date at {@code dateIndex}. */
	private static String printedCode(Api fan, String userId, ConcertId concert, int dateIndex) {
		buyFirstFreeSeat(fan, userId, concert, dateIndex);
		String ticket = fan.get("/api/v1/users/" + userId + "/tickets", null)
			.getBody()
			.get(0)
			.get("ticketId")
			.asString();
		return fan.get("/api/v1/users/" + userId + "/tickets/" + ticket + "/printed-code", null)
			.getBody()
			.get("code")
			.asString();
	}

}
