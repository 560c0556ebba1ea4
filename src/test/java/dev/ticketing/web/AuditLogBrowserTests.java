package dev.ticketing.web;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log on the organisers' page in a real browser: a change made on a concert's
 * page is listed, newest first, with what it changed.
 */
class AuditLogBrowserTests extends BrowserTestSupport {

	@Test
	void anOrganiserSeesTheirChangeInTheAuditLog() {
		ConcertId concert = concert("Audited Night", 3, 1_000);
		Browser olivia = browser();
		olivia.go("/organiser/concerts/" + concert);
		olivia.button("Sign in").click();
		olivia.signInOnLoginPage("olivia", "demo");
		olivia.heading("Audited Night");
		olivia.field("Tickets per fan, at most").sendKeys("3");
		olivia.button("Save changes").click();
		olivia.waitForRole("status", "Saved.");

		olivia.link("All your concerts").click();
		olivia.heading("Audit log");
		olivia.waitForText("Concert changed: Audited Night");
		olivia.screenshots("organiser-audit-log", "audit-heading");
		String newest = olivia.driver().findElement(org.openqa.selenium.By.cssSelector("#audit-entries tr")).getText();
		assertThat(newest).contains("Concert changed: Audited Night").contains("ticketsPerFan: – → 3");
	}

}
