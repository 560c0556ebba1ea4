package dev.ticketing.web;

import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.ticketing.common.ConcertId;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.support.Api;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Giving a ticket to a friend from My tickets, by keyboard alone: Alice gives hers to Bob
 * by the account id his page shows; her page then says it is his, and his page (in
 * Korean) shows it with its code, which her old one no longer is.
 */
class TicketTransferBrowserTests extends BrowserTestSupport {

	@Test
	void aFanGivesATicketToAFriendWhoSeesItInTheirTickets() {
		ConcertId concert = concert("Friends Night", 3, 1_000);
		buyFirstFreeSeat(api("alice"), DemoAccounts.ALICE.userId().toString(), concert, 0);

		Browser bob = browser("ko");
		bob.go("/tickets");
		bob.button("로그인").click();
		bob.signInOnLoginPage("bob", "demo");
		String bobsAccount = bob.until((driver) -> {
			var shown = driver.findElements(By.cssSelector("#my-account code"));
			return shown.isEmpty() ? null : shown.getFirst().getText();
		});
		assertThat(bobsAccount).isEqualTo(DemoAccounts.BOB.userId().toString());

		Browser alice = browser();
		alice.go("/tickets");
		alice.button("Sign in").click();
		alice.signInOnLoginPage("alice", "demo");
		alice.heading("My tickets");
		WebElement give = alice.buttonNamed("Give to a friend: Friends Night");
		give.sendKeys(Keys.ENTER);
		WebElement field = focusedField(alice);
		assertThat(label(alice, field)).as("the field has the focus").isEqualTo("Your friend's account id");
		field.sendKeys(bobsAccount);
		alice.screenshots("tickets-give");
		field.sendKeys(Keys.ENTER);
		alice.button("Give it").sendKeys(Keys.ENTER);
		alice.waitForRole("status", "Given: the ticket is your friend's now");
		assertThat(alice.driver()
			.findElements(ticket("Friends Night", "button[normalize-space(.)='Show my ticket code']")))
			.as("the code went with the ticket")
			.isEmpty();
		alice.go("/tickets");
		alice.waitForText("You gave this ticket to a friend: it is theirs now.");

		bob.go("/tickets");
		bob.waitForText("친구에게서 받은 티켓");
		bob.waitForText("Friends Night");
		// Other tests of the shared application may have given Bob tickets too: this
		// one's.
		bob.until((driver) -> driver.findElement(ticket("Friends Night", "button[normalize-space(.)='내 티켓 코드 보기']")))
			.click();
		bob.screenshots("tickets-received");
		String code = bob.until((driver) -> {
			WebElement qr = driver.findElement(ticket("Friends Night", "*[contains(@class, 'qr')]"));
			return qr.findElements(By.tagName("svg")).isEmpty() ? null : qr.getDomAttribute("data-code");
		});
		JsonNode admitted = new Api(this.port)
			.post("/api/v1/gate/concerts/" + concert + "/check-ins", accessToken("gary"),
					Map.of("code", code, "gate", "North 1"))
			.getBody();
		assertThat(admitted.get("ticketId").asString()).isNotBlank();
	}

	/** The field the give button opened: it has the focus. */
	private static WebElement focusedField(Browser browser) {
		return browser.until((driver) -> {
			WebElement focused = driver.switchTo().activeElement();
			return "input".equals(focused.getTagName()) ? focused : null;
		});
	}

	private static String label(Browser browser, WebElement field) {
		return browser.driver()
			.findElement(By.cssSelector("label[for='" + field.getDomAttribute("id") + "']"))
			.getText();
	}

	/**
	 * What {@code descendant} names inside the ticket of {@code title} on My tickets: the
	 * page lists every ticket of the demo fan from the other tests too.
	 */
	private static By ticket(String title, String descendant) {
		return By.xpath("//li[.//h2[contains(., '" + title + "')]]//" + descendant);
	}

	@Test
	void aRefusedGiftSaysWhyAndKeepsTheTicket() {
		ConcertId concert = concert("Own Account", 3, 1_000);
		buyFirstFreeSeat(api("alice"), DemoAccounts.ALICE.userId().toString(), concert, 0);
		Browser alice = browser();
		alice.go("/tickets");
		alice.button("Sign in").click();
		alice.signInOnLoginPage("alice", "demo");
		alice.buttonNamed("Give to a friend: Own Account").click();
		focusedField(alice).sendKeys(DemoAccounts.ALICE.userId().toString(), Keys.ENTER);
		alice.button("Give it").click();
		alice.waitForRole("alert", "That is your own account id. Enter your friend's.");
		assertThat(alice.buttonNamed("Give to a friend: Own Account")).isNotNull();
	}

}
