package dev.ticketing.web;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.support.Api;
import dev.ticketing.support.Browser;

import static org.awaitility.Awaitility.await;

/**
 * The embedded mode's demo mailbox page in real Chromium: a fan who paid signs in there
 * and reads the mail with the ticket.
 */
class MailboxBrowserTests extends BrowserTestSupport {

	@Test
	void aFanWhoPaidReadsTheTicketMailInTheMailbox() {
		ConcertId concert = concert("Letter Night", 2, 1_000);
		Api alice = api("alice");
		String mails = "/api/v1/users/" + DemoAccounts.ALICE.userId() + "/mails";
		// A signed-in call tells the service the fan's address (the token's email claim).
		int before = alice.get(mails, null).getBody().size();
		buyFirstFreeSeat(alice, DemoAccounts.ALICE.userId().toString(), concert, 0);
		// The mail goes after the payment's commit, on a thread of its own; the page
		// reads
		// the mailbox once, so it opens once the mail is there.
		await().atMost(Duration.ofSeconds(30)).until(() -> alice.get(mails, null).getBody().size() > before);

		Browser browser = browser();
		browser.go("/mailbox");
		browser.button("Sign in").click();
		browser.signInOnLoginPage("alice", "demo");
		browser.heading("Mailbox");
		browser.heading("Your ticket: Letter Night");
		browser.screenshots("mailbox");
	}

}
