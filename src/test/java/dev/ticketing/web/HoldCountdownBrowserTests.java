package dev.ticketing.web;

import org.junit.jupiter.api.Test;

import dev.ticketing.support.Browser;

import org.springframework.test.context.TestPropertySource;

/**
 * A hold's countdown in the browser reaching zero: its own application, whose holds last
 * seconds, so that the hold runs out by construction while the test waits for the page.
 */
@TestPropertySource(properties = { "concert.reservation.hold-duration=4s",
		"spring.datasource.url=jdbc:h2:mem:browser-countdown;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
class HoldCountdownBrowserTests extends BrowserTestSupport {

	@Test
	void theHoldCountdownReachesZeroAndTheSeatIsFreeAgain() {
		concert("Countdown Night", 10, 1_000);
		Browser alice = browser();
		signInAndJoin(alice, "Countdown Night", "alice");
		alice.buttonNamed("A, row 1, seat 2, 1,000 points, free").click();
		alice.until((driver) -> alice.buttonName("A, row 1, seat 2,").endsWith("held by you"));
		alice.waitForText("Held for you for");

		alice.waitForRole("status", "This hold ran out: the seat is free for everyone again.");
		alice.until((driver) -> alice.buttonName("A, row 1, seat 2,").endsWith("free"));
		alice.waitForText("You hold no seats yet.");
	}

}
