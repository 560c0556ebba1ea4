package dev.ticketing.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.NewConcert;
import dev.ticketing.concert.SaleService;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.support.Api;
import dev.ticketing.support.Browser;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web app in embedded mode (README's first command), driven by real headless
 * Chromium. Browser test classes share this one application; each test its own concerts
 * and browsers. The port is chosen before the start, as the embedded sign-in names it in
 * its issuer and in the web client's redirect address, which the browser must reach.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = {
				"spring.datasource.url=jdbc:h2:mem:browser-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"management.server.port=0",
				// Two fans at once: enough for a race, and a third one waits.
				"concert.queue.max-active=2",
				// Fans admitted through the API stay admitted while a browser signs in,
				// however slow the machine: only leaving or paying frees their slot.
				"concert.queue.idle-timeout-while-waiting=2m",
				// Each test adds its concert and opens the list at once: no stale list.
				"concert.cache.concerts-ttl=0ms" })
abstract class BrowserTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	ConcertService concerts;

	@Autowired
	SaleService sales;

	private final List<Browser> browsers = new ArrayList<>();

	@DynamicPropertySource
	static void freePort(DynamicPropertyRegistry registry) {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		registry.add("server.port", () -> port);
	}

	/**
	 * Closes the test's browsers, failing it if any refused something under the pages'
	 * Content-Security-Policy: a page that needs an inline script or style, or a source
	 * the policy does not name, is broken for real users.
	 */
	@AfterEach
	void closeBrowsers() {
		List<String> violations = new ArrayList<>();
		try {
			this.browsers.forEach((browser) -> violations.addAll(browser.policyViolations()));
		}
		finally {
			this.browsers.forEach(Browser::close);
		}
		assertThat(violations).as("Content-Security-Policy violations in the browsers' consoles").isEmpty();
	}

	/** A fresh browser asking for English pages. */
	Browser browser() {
		return browser("en");
	}

	Browser browser(String language) {
		Browser browser = Browser.open("http://localhost:" + this.port, language);
		this.browsers.add(browser);
		return browser;
	}

	/** A concert of its own, one date in three days, seats numbered 1… at one price. */
	ConcertId concert(String title, int seats, long price) {
		return this.concerts.addConcert(title, "Test Hall", List.of(Instant.now().plus(Duration.ofDays(3))), seats,
				Points.of(price));
	}

	/**
	 * A concert of its own on the clock of {@code zone}, one date starting at
	 * {@code startsAt} there, seats numbered 1… at one price in section A, row 1.
	 */
	ConcertId concert(String title, ZoneId zone, LocalDateTime startsAt, int seats, long price) {
		ConcertId concert = this.sales.create(new NewConcert(title, "Test Hall", zone, null, null, null));
		this.sales.addDate(concert, startsAt.atZone(zone).toInstant(), SeatMap.spread(1, 1, seats, Points.of(price)));
		this.sales.change(concert, ConcertChanges.status(SaleStatus.ON_SALE));
		return concert;
	}

	/**
	 * Opens the concert from the list, signs in as {@code username}, and joins its line.
	 */
	void signInAndJoin(Browser browser, String title, String username) {
		browser.go("/");
		browser.link("Book " + title).click();
		browser.button("Sign in").click();
		browser.signInOnLoginPage(username, "demo");
		browser.heading(title);
	}

	/**
	 * The fan buys the first free seat of the concert's date at {@code dateIndex} through
	 * the API, as the booking page would.
	 */
	static void buyFirstFreeSeat(Api fan, String userId, ConcertId concert, int dateIndex) {
		String turn = fan.token(concert, userId);
		long date = fan.get("/api/v1/concerts/" + concert + "/dates", turn)
			.getBody()
			.get(dateIndex)
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

	/** The API as a demo account signed in with the client-credentials grant. */
	Api api(String username) {
		return new Api(this.port).signedInWith(accessToken(username));
	}

	/** An access token of a demo account, from the client-credentials grant. */
	String accessToken(String username) {
		return Api.demoAccessToken(this.port, username);
	}

}
