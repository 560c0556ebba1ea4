package dev.ticketing.web;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cost to join in a real browser: on a concert whose organiser asks for it, the fan's
 * page solves the challenge in a worker (allowed by the pages' policy), shows how far it
 * got, and then joins the line.
 */
class JoinChallengeBrowserTests extends BrowserTestSupport {

	@Test
	void theFansPageSolvesTheChallengeShowingProgressThenJoinsTheLine() {
		ConcertId concert = concert("Proof Night", 4, 1_000);
		this.sales.change(concert, new ConcertChanges(null, null, null, null, null, null, null, true, null, Set.of()));
		Browser alice = browser();
		alice.recordTextsOf("queue-status");

		signInAndJoin(alice, "Proof Night", "alice");
		alice.waitForRole("status", "It is your turn");
		alice.waitForText("before joining the line.");
		alice.screenshots("join-challenge");

		List<String> shown = alice.recordedTexts();
		assertThat(shown).anyMatch((text) -> text.matches("Proving this is a person, not a script… \\d+%"));
		assertThat(shown.indexOf(shown.stream().filter((text) -> text.endsWith("%")).findFirst().orElseThrow()))
			.as("the progress came before the turn")
			.isLessThan(shown.indexOf(
					shown.stream().filter((text) -> text.startsWith("It is your turn")).findFirst().orElseThrow()));
	}

}
