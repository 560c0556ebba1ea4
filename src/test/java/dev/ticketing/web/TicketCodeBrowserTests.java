package dev.ticketing.web;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.ticketing.common.ConcertId;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.support.Api;
import dev.ticketing.support.Browser;

import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * My tickets shows a paid ticket's code as a QR code that changes with every time step,
 * and the code on the screen opens the gate once. A step of 5 s here, so the change comes
 * within seconds rather than the half minute of the default.
 */
@TestPropertySource(properties = "concert.tickets.code-step=5s")
class TicketCodeBrowserTests extends BrowserTestSupport {

	@Test
	void myTicketsShowsAQrCodeThatChangesAndOpensTheGateOnce() {
		ConcertId concert = concert("Door Night", 3, 1_000);
		Api alice = api("alice");
		buyFirstFreeSeat(alice, DemoAccounts.ALICE.userId().toString(), concert, 0);
		Browser browser = browser();
		browser.go("/tickets");
		browser.button("Sign in").click();
		browser.signInOnLoginPage("alice", "demo");
		browser.heading("My tickets");

		browser.button("Show my ticket code").click();
		String first = browser.until((driver) -> {
			WebElement qr = driver.findElement(By.cssSelector(".ticket-code .qr"));
			return qr.findElements(By.tagName("svg")).isEmpty() ? null : qr.getDomAttribute("data-code");
		});
		assertThat(browser.driver().findElement(By.cssSelector(".ticket-code svg")).getDomAttribute("aria-label"))
			.isEqualTo("Ticket code to show at the gate");
		browser.waitForText("a screenshot or a forwarded picture will not get anyone in");
		browser.screenshots("ticket-code");
		String next = browser.until((driver) -> {
			String shown = driver.findElement(By.cssSelector(".ticket-code .qr")).getDomAttribute("data-code");
			return first.equals(shown) ? null : shown;
		});
		assertThat(next).as("a new code with the next step").isNotEqualTo(first);

		Api gate = new Api(this.port);
		String gary = accessToken("gary");
		String checkIns = "/api/v1/gate/concerts/" + concert + "/check-ins";
		ResponseEntity<JsonNode> admitted = gate.post(checkIns, gary, Map.of("code", next, "gate", "North 1"));
		assertThat(admitted.getStatusCode().value()).isEqualTo(200);
		ResponseEntity<JsonNode> again = gate.post(checkIns, gary, Map.of("code", next, "gate", "South 2"));
		assertThat(again.getStatusCode().value()).isEqualTo(409);
		assertThat(again.getBody().get("code").asString()).isEqualTo("ALREADY_USED");
		browser.go("/tickets");
		browser.waitForText("Admitted at gate North 1");
		// A used ticket is offered no refund, only told why.
		browser.waitForText("This ticket was used at the gate, so it cannot be refunded.");
		WebElement used = browser.driver().findElement(By.xpath("//li[.//*[contains(., 'Admitted at gate North 1')]]"));
		assertThat(used.findElements(By.xpath(".//button[contains(., 'Refund')]"))).isEmpty();
	}

}
