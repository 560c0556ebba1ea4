package dev.ticketing.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import dev.ticketing.common.ConcertId;
import dev.ticketing.support.Api;
import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fans' side of a presale in a real browser: a fan who is not invited is told so on
 * the booking page and sent to the presale page, where an access code invites them and
 * the line takes them; a fan registers for the lottery (in Korean), sees the draw's
 * result with its seed, and joins the line as a winner.
 */
class PresaleBrowserTests extends BrowserTestSupport {

	@Test
	void aFanWithoutAnInvitationIsSentToThePresaleWhereACodeLetsThemJoin() {
		ConcertId concert = concert("Code Night", 4, 1_000);
		Api olivia = new Api(this.port);
		String token = accessToken("olivia");
		presale(olivia, token, concert, null);
		String base = "/api/v1/organiser/concerts/" + concert + "/presale";
		olivia.post(base + "/codes", token, Map.of("count", 1));
		String code = olivia.getText(base + "/codes.csv", token)
			.getBody()
			.lines()
			.skip(1)
			.findFirst()
			.orElseThrow()
			.split(",")[0];

		Browser alice = browser();
		signInAndJoin(alice, "Code Night", "alice");
		alice.waitForRole("alert", "The presale is on: only invited fans may join the line now.");
		alice.link("Go to the presale").click();
		alice.heading("Presale");
		alice.waitForRole("status", "only invited fans may join the line");
		alice.field("Your access code").sendKeys(code.toLowerCase());
		alice.button("Use the code").click();
		alice.waitForRole("status", "You are invited");
		alice.screenshots("presale-code");
		alice.link("Join the presale line").click();
		alice.waitForRole("status", "It is your turn");
	}

	@Test
	void aFanRegistersForTheLotterySeesThatTheyWonWithTheSeedAndJoinsTheLine() {
		ConcertId concert = concert("추첨 공연", 4, 1_000);
		Api olivia = new Api(this.port);
		String token = accessToken("olivia");
		Instant now = Instant.now();
		presale(olivia, token, concert, Map.of("registrationOpensAt", now.minusSeconds(60).toString(),
				"registrationClosesAt", now.plusSeconds(3_000).toString(), "winners", 1));
		ResourceBundle korean = ResourceBundle.getBundle("messages", Locale.KOREAN);

		Browser bob = browser("ko");
		bob.go("/concerts/" + concert + "/presale");
		bob.button(korean.getString("js.signIn")).click();
		bob.signInOnLoginPage("bob", "demo");
		bob.heading(korean.getString("presale.title"));
		bob.waitForText(korean.getString("js.presale.commitment").substring(0, 10));
		bob.button(korean.getString("presale.register")).click();
		bob.waitForRole("status", "번으로 응모되었습니다");

		// Registration closes now (the lottery may still change until its draw); the
		// draw.
		presale(olivia, token, concert, Map.of("registrationOpensAt", now.minusSeconds(60).toString(),
				"registrationClosesAt", Instant.now().toString(), "winners", 1));
		assertThat(olivia.post("/api/v1/organiser/concerts/" + concert + "/presale/draw", token, null)
			.getStatusCode()
			.value()).isEqualTo(200);
		bob.go("/concerts/" + concert + "/presale");
		bob.waitForRole("status", korean.getString("js.presale.won"));
		bob.waitForText("추첨 시드는");
		bob.screenshots("presale-lottery");
		bob.link(korean.getString("presale.join")).click();
		bob.waitForRole("status", korean.getString("js.queue.admitted").substring(0, 6));
	}

	@Test
	void anOrganiserSetsThePresaleGeneratesCodesAndTheDrawWaitsForRegistrationToClose() {
		ConcertId concert = concert("Organiser Presale", 4, 1_000);
		Browser olivia = browser();
		olivia.go("/organiser/concerts/" + concert + "/presale");
		olivia.button("Sign in").click();
		olivia.signInOnLoginPage("olivia", "demo");
		olivia.heading("Presale of Organiser Presale");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		typeDateTime(olivia.field("General sale opens"), today.plusDays(3), "0800PM");
		olivia.button("Save the presale").click();
		olivia.waitForRole("status", "Saved.");
		olivia.waitForText("No lottery: a presale by access codes only.");

		olivia.field("Codes to generate").sendKeys("3");
		olivia.button("Generate codes").click();
		olivia.waitForRole("status", "3 codes generated.");
		olivia.waitForText("3 codes generated, 0 used.");
		olivia.button("Download the codes (CSV)").click();

		typeDateTime(olivia.field("Lottery registration opens"), today.minusDays(1), "0800AM");
		typeDateTime(olivia.field("Lottery registration closes"), today.plusDays(2), "0800AM");
		olivia.field("Winners to draw").sendKeys("2");
		olivia.button("Save the presale").click();
		olivia.waitForText("0 fans registered for 2 places.");
		olivia.waitForText("its SHA-256 is");
		olivia.button("Run the draw").click();
		olivia.waitForRole("alert", "Registration is still open: the draw runs once it has closed.");
		olivia.screenshots("organiser-presale");
	}

	private static void typeDateTime(WebElement field, LocalDate day, String time) {
		field.sendKeys(day.format(DateTimeFormatter.ofPattern("MMddyyyy")), Keys.TAB, time);
	}

	/** A presale until the general sale in an hour, with the lottery given or none. */
	private static void presale(Api organiser, String token, ConcertId concert, Map<String, Object> lottery) {
		Map<String, Object> body = new HashMap<>();
		body.put("generalSaleAt", Instant.now().plusSeconds(3_600).toString());
		body.put("lottery", lottery);
		assertThat(organiser.put("/api/v1/organiser/concerts/" + concert + "/presale", token, body)
			.getStatusCode()
			.value()).isEqualTo(200);
	}

}
