package dev.ticketing.web;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.ticketing.common.ConcertId;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organiser's pages in a real browser: a sale set up from nothing and run to a
 * refund, and a fan who opens them told plainly that they are for organisers.
 */
class OrganiserWebBrowserTests extends BrowserTestSupport {

	private static final Pattern BOOKING_NUMBER = Pattern.compile("Booking number (\\S+)");

	@Test
	void anOrganiserCreatesAConcertAddsADateWithASeatMapOpensTheSaleAndAFanBuysASeatFromIt() {
		Browser olivia = browser();
		olivia.go("/organiser");
		olivia.heading("Your concerts");
		olivia.button("Sign in").click();
		olivia.signInOnLoginPage("olivia", "demo");
		olivia.heading("New concert");
		olivia.field("Title").sendKeys("Organiser Night");
		olivia.field("Venue").sendKeys("Olympic Hall");
		replace(olivia.field("Time zone"), "Asia/Seoul");
		olivia.field("Fans booking at once, at most").sendKeys("50");
		olivia.field("Fans let in per second").sendKeys("10");
		olivia.screenshots("organiser-concerts", "new-heading");
		olivia.button("Create the concert").click();

		olivia.heading("Organiser Night");
		olivia.waitForRole("status", "This concert is a draft");
		assertThat(olivia.field("Time zone").getAttribute("value")).isEqualTo("Asia/Seoul");
		assertThat(olivia.field("Fans booking at once, at most").getAttribute("value")).isEqualTo("50");
		typeDateTime(olivia.field("Starts at"), LocalDate.now().plusDays(30), "0730PM");
		replace(olivia.field("Section 1: Name"), "Floor");
		replace(olivia.field("Section 1, row 1: Seats"), "4");
		olivia.field("Section 1, row 1: Price in points").sendKeys("2000");
		olivia.button("Add a row to section 1").click();
		assertThat(olivia.field("Section 1, row 2: Row").getAttribute("value")).as("the next row's name")
			.isEqualTo("2");
		assertThat(olivia.field("Section 1, row 2: Seats").getAttribute("value")).as("as many seats as the last row")
			.isEqualTo("4");
		replace(olivia.field("Section 1, row 2: Price in points"), "1500");
		olivia.button("Add a section").click();
		replace(olivia.field("Section 2: Name"), "Balcony");
		replace(olivia.field("Section 2, row 1: Seats"), "2");
		olivia.field("Section 2, row 1: Price in points").sendKeys("1000");
		olivia.button("Add a row to section 2").click();
		olivia.waitForText("12 seats in all");
		olivia.button("Remove row 2 of section 2").click();
		olivia.waitForText("10 seats in all");
		olivia.button("Add the date").click();
		olivia.waitForRole("status", "Date added:");
		olivia.waitForRole("status", "10 seats");
		olivia.until((driver) -> olivia.definition("Free").equals("10"));

		olivia.button("Open the sale").click();
		olivia.waitForRole("status", "On sale: fans see the concert");
		olivia.button("Pause the sale");
		olivia.button("Close the sale");
		assertThat(olivia.driver().findElements(By.xpath("//button[normalize-space(.)='Open the sale']")))
			.as("a sale on sale cannot be opened again")
			.isEmpty();

		Browser alice = browser();
		signInAndJoin(alice, "Organiser Night", "alice");
		alice.waitForRole("status", "It is your turn");
		// The fan sees the organiser's hall by section first, then one section's seats.
		assertThat(alice.buttonName("Balcony:")).isEqualTo("Balcony: 1,000 points, 2 of 2 seats free");
		alice.buttonNamed("Balcony:").click();
		assertThat(alice.buttonName("Balcony, row 1, seat 2,")).isEqualTo("Balcony, row 1, seat 2, 1,000 points, free");
		alice.buttonNamed("Floor:").click();
		alice.buttonNamed("Floor, row 2, seat 1, 1,500 points, free").click();
		alice.until((driver) -> alice.buttonName("Floor, row 2, seat 1,").endsWith("held by you"));
		alice.button("Pay 1,500 points").click();
		alice.waitForRole("status", "Paid: your ticket for Floor, row 2, seat 1");
		alice.link("My tickets").click();
		alice.waitForText("Organiser Night");
		String booking = bookingNumber(alice, "Organiser Night");

		olivia.until((driver) -> olivia.definition("Sold").equals("1"));
		assertThat(olivia.definition("Revenue in points")).isEqualTo("1,500");
		assertThat(olivia.definition("Free")).isEqualTo("9");
		olivia.screenshots("organiser-sales");
		olivia.field("Booking number").sendKeys(booking);
		olivia.button("Refund").click();
		olivia.waitForText("Refund booking " + booking + "?");
		olivia.button("Refund it").click();
		olivia.waitForRole("status", "Refunded: 1,500 points went back to the fan, and the seat is on sale again.");
		olivia.until((driver) -> olivia.definition("Refunded").equals("1") && olivia.definition("Sold").equals("0"));
		assertThat(olivia.definition("Free")).isEqualTo("10");

		alice.go("/tickets");
		alice.waitForText("Refunded: the points went back to your balance.");
	}

	@Test
	void anOrganiserIsToldInPlainWordsWhyARefundASeatMapOrAChangeWasRefused() {
		ConcertId concert = concert("Refusal Night", 5, 1_000);
		Browser olivia = browser();
		olivia.go("/organiser/concerts/" + concert);
		olivia.button("Sign in").click();
		olivia.signInOnLoginPage("olivia", "demo");
		olivia.heading("Refusal Night");
		olivia.waitForRole("status", "On sale:");

		olivia.field("Booking number").sendKeys("not-a-number");
		olivia.button("Refund").click();
		olivia.button("Refund it").click();
		olivia.waitForRole("alert", "This is not a booking number. Copy it from the fan's ticket");
		replace(olivia.field("Booking number"), java.util.UUID.randomUUID().toString());
		olivia.button("Refund").click();
		olivia.button("Refund it").click();
		olivia.waitForRole("alert", "No booking has this number. Check it against the fan's ticket.");

		typeDateTime(olivia.field("Starts at"), LocalDate.now().plusDays(10), "0800PM");
		olivia.field("Section 1, row 1: Price in points").sendKeys("500");
		olivia.button("Add a section").click();
		replace(olivia.field("Section 2: Name"), "A");
		olivia.field("Section 2, row 1: Price in points").sendKeys("500");
		olivia.button("Add the date").click();
		olivia.waitForRole("alert", "The seat map is not complete. Every section needs a name of its own");

		replace(olivia.field("Time zone"), "Mars/Olympus");
		olivia.button("Save changes").click();
		olivia.waitForRole("alert", "The service does not know this time zone.");
		replace(olivia.field("Time zone"), "Europe/London");
		replace(olivia.field("Title"), "Refusal Night, Renamed");
		olivia.button("Save changes").click();
		olivia.waitForRole("status", "Saved.");
		olivia.heading("Refusal Night, Renamed");
	}

	@Test
	void aSignedInFanOnTheOrganiserPagesIsToldTheyAreForOrganisersNotShownAnError() {
		ConcertId concert = concert("Fans Only Night", 5, 1_000);
		Browser bob = browser();
		bob.go("/organiser");
		bob.button("Sign in").click();
		bob.signInOnLoginPage("bob", "demo");

		bob.waitForRole("alert", "This page is for organisers, and the account you are signed in with is not one.");
		bob.screenshots("organiser-not-organiser");
		assertThat(bob.driver().findElement(By.tagName("body")).getText()).doesNotContain("ROLE_REQUIRED")
			.doesNotContain("Forbidden")
			.doesNotContain("403");
		assertThat(bob.driver().findElement(By.id("new-concert")).isDisplayed()).as("no tools for a fan").isFalse();

		bob.go("/organiser/concerts/" + concert);
		bob.waitForRole("alert", "This page is for organisers");
		assertThat(bob.driver().findElements(By.xpath("//button[normalize-space(.)='Pause the sale']"))).isEmpty();

		Browser korean = browser("ko");
		korean.go("/organiser");
		korean.button("로그인").click();
		korean.signInOnLoginPage("bob", "demo");
		korean.waitForRole("alert", "주최자 전용 페이지인데, 지금 로그인한 계정은 주최자가 아닙니다.");
	}

	/** The booking number the fan's ticket for {@code title} shows. */
	private static String bookingNumber(Browser fan, String title) {
		String ticket = fan
			.until((driver) -> (String) fan.script(
					"return [...document.querySelectorAll('li')].map((li) => li.innerText)"
							+ ".find((text) => text.includes(arguments[0]) && text.includes('Booking number'))",
					title));
		Matcher number = BOOKING_NUMBER.matcher(ticket);
		assertThat(number.find()).as("the ticket shows its booking number: " + ticket).isTrue();
		return number.group(1);
	}

	private static void replace(WebElement field, String value) {
		field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
		field.sendKeys(value);
	}

	/**
	 * Types a day and a time into a datetime-local field as an English keyboard user
	 * does.
	 */
	private static void typeDateTime(WebElement field, LocalDate day, String time) {
		field.sendKeys(day.format(DateTimeFormatter.ofPattern("MMddyyyy")), Keys.TAB, time);
	}

}
