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
		buySeat(api("alice"), concert);

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
		WebElement field = alice.field("Your friend's account id");
		assertThat(alice.driver().switchTo().activeElement()).as("the field has the focus").isEqualTo(field);
		field.sendKeys(bobsAccount, Keys.ENTER);
		alice.button("Give it").sendKeys(Keys.ENTER);
		alice.waitForRole("status", "Given: the ticket is your friend's now");
		assertThat(alice.driver().findElements(By.xpath("//button[normalize-space(.)='Show my ticket code']")))
			.as("the code went with the ticket")
			.isEmpty();
		alice.go("/tickets");
		alice.waitForText("You gave this ticket to a friend: it is theirs now.");

		bob.go("/tickets");
		bob.waitForText("친구에게서 받은 티켓");
		bob.waitForText("Friends Night");
		bob.button("내 티켓 코드 보기").click();
		String code = bob.until((driver) -> {
			WebElement qr = driver.findElement(By.cssSelector(".ticket-code .qr"));
			return qr.findElements(By.tagName("svg")).isEmpty() ? null : qr.getDomAttribute("data-code");
		});
		JsonNode admitted = new Api(this.port)
			.post("/api/v1/gate/concerts/" + concert + "/check-ins", accessToken("gary"),
					Map.of("code", code, "gate", "North 1"))
			.getBody();
		assertThat(admitted.get("ticketId").asString()).isNotBlank();
	}

	@Test
	void aRefusedGiftSaysWhyAndKeepsTheTicket() {
		ConcertId concert = concert("Own Account", 3, 1_000);
		buySeat(api("alice"), concert);
		Browser alice = browser();
		alice.go("/tickets");
		alice.button("Sign in").click();
		alice.signInOnLoginPage("alice", "demo");
		alice.buttonNamed("Give to a friend: Own Account").click();
		alice.field("Your friend's account id").sendKeys(DemoAccounts.ALICE.userId().toString(), Keys.ENTER);
		alice.button("Give it").click();
		alice.waitForRole("alert", "That is your own account id. Enter your friend's.");
		assertThat(alice.buttonNamed("Give to a friend: Own Account")).isNotNull();
	}

	private static void buySeat(Api fan, ConcertId concert) {
		String turn = fan.token(concert, DemoAccounts.ALICE.userId());
		long date = fan.get("/api/v1/concerts/" + concert + "/dates", turn)
			.getBody()
			.get(0)
			.get("concertDateId")
			.asLong();
		JsonNode seat = fan.get("/api/v1/concerts/" + concert + "/dates/" + date + "/seats", turn).getBody().get(0);
		JsonNode hold = fan
			.post("/api/v1/reservations/seats/" + seat.get("seatId").asLong(), turn,
					Map.of("concertId", concert.toString(), "concertDateId", date))
			.getBody();
		assertThat(fan.post("/api/v1/payments/" + hold.get("reservationId").asString(), turn, null)
			.getStatusCode()
			.is2xxSuccessful()).as("paid").isTrue();
	}

}
