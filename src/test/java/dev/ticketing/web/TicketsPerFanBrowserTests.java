package dev.ticketing.web;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cap on tickets per fan in a real browser: set and taken away on the organiser's
 * concert page, told to the fan up front, and a hold past it refused in plain words.
 */
class TicketsPerFanBrowserTests extends BrowserTestSupport {

	@Test
	void anOrganiserCapsTicketsPerFanAndAFanAtTheCapIsToldPlainlyAndKeepsTheirHolds() {
		ConcertId concert = concert("Cap Night", 6, 1_000);
		Browser olivia = browser();
		olivia.go("/organiser/concerts/" + concert);
		olivia.button("Sign in").click();
		olivia.signInOnLoginPage("olivia", "demo");
		olivia.heading("Cap Night");
		olivia.waitForText("No cap on tickets per fan");
		olivia.field("Tickets per fan, at most").sendKeys("2");
		olivia.button("Save changes").click();
		olivia.waitForRole("status", "Saved.");
		olivia.waitForText("At most 2 tickets per fan");
		olivia.screenshots("organiser-ticket-cap");

		Browser alice = browser();
		signInAndJoin(alice, "Cap Night", "alice");
		alice.waitForRole("status", "It is your turn");
		alice.waitForText("At most 2 tickets per fan for this concert, held and paid together across all its dates.");
		for (int seat = 1; seat <= 2; seat++) {
			String name = "A, row 1, seat " + seat + ",";
			alice.buttonNamed(name).click();
			alice.until((driver) -> alice.buttonName(name).endsWith("held by you"));
		}
		alice.buttonNamed("A, row 1, seat 3,").click();
		alice.waitForRole("alert", "You already have as many tickets for this concert as one fan may");
		alice.screenshots("ticket-limit", "section-heading");
		assertThat(alice.buttonName("A, row 1, seat 3,")).endsWith("free");
		assertThat(alice.buttonName("A, row 1, seat 1,")).endsWith("held by you");

		olivia.field("Tickets per fan, at most").clear();
		olivia.button("Save changes").click();
		olivia.waitForText("No cap on tickets per fan");
		assertThat(olivia.field("Tickets per fan, at most").getAttribute("value")).isEmpty();
	}

}
