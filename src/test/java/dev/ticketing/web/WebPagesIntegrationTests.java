package dev.ticketing.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.ticketing.identity.DemoAccounts;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages are public and the same for everyone, their assets cacheable under content
 * hashes, and the API behind them still refuses whoever is not signed in.
 */
class WebPagesIntegrationTests extends BrowserTestSupport {

	private static final Pattern HASHED_SCRIPT = Pattern.compile("/web/booking-[0-9a-f]{32}\\.js");

	@Test
	void pagesArePublicAndNameTheirAssetsByContentHash() {
		RestClient http = http();
		ResponseEntity<String> page = http.get()
			.uri("/concerts/" + java.util.UUID.randomUUID())
			.header(HttpHeaders.ACCEPT_LANGUAGE, "ko")
			.retrieve()
			.toEntity(String.class);
		assertThat(page.getStatusCode().value()).isEqualTo(200);
		assertThat(page.getBody()).contains("<html lang=\"ko\"").contains("티켓 예매");
		assertThat(page.getHeaders().getCacheControl()).contains("no-cache");
		Matcher script = HASHED_SCRIPT.matcher(page.getBody());
		assertThat(script.find()).as("the page's script under its hash").isTrue();

		ResponseEntity<String> asset = http.get().uri(script.group()).retrieve().toEntity(String.class);
		assertThat(asset.getStatusCode().value()).isEqualTo(200);
		assertThat(asset.getHeaders().getCacheControl()).contains("max-age=31536000");
		assertThat(page.getBody()).as("modules imported through the import map, hashed too")
			.containsPattern("\"app/api\":\"/web/api-[0-9a-f]{32}\\.js\"");
	}

	@Test
	void theApiBehindThePagesStillRefusesCallersWhoAreNotSignedIn() {
		ResponseEntity<String> wallet = http().get()
			.uri("/api/v1/users/" + DemoAccounts.BOB.userId() + "/points")
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
		assertThat(wallet.getStatusCode().value()).isEqualTo(401);
		assertThat(wallet.getBody()).contains("UNAUTHENTICATED");
	}

	@Test
	void theOrganiserPagesAreServedToEveryoneInTheirLanguage() {
		RestClient http = http();
		for (String path : java.util.List.of("/organiser", "/organiser/concerts/" + java.util.UUID.randomUUID())) {
			ResponseEntity<String> page = http.get()
				.uri(path)
				.header(HttpHeaders.ACCEPT_LANGUAGE, "ko")
				.retrieve()
				.toEntity(String.class);
			assertThat(page.getStatusCode().value()).as(path).isEqualTo(200);
			assertThat(page.getBody()).as(path).contains("<html lang=\"ko\"").contains("주최자");
			assertThat(page.getHeaders().getCacheControl()).as(path).contains("no-cache");
		}
		ResponseEntity<String> english = http.get()
			.uri("/organiser")
			.header(HttpHeaders.ACCEPT_LANGUAGE, "en")
			.retrieve()
			.toEntity(String.class);
		assertThat(english.getBody()).contains("Your concerts")
			.contains("<label for=\"time-zone\">Time zone</label>")
			.containsPattern("\"app/organiser\":\"/web/organiser-[0-9a-f]{32}\\.js\"");
	}

	@Test
	void theOrganiserApiBehindThePagesRefusesCallersWithoutATokenOrTheRole() {
		String concerts = "/api/v1/organiser/concerts";
		String refund = "/api/v1/organiser/reservations/" + java.util.UUID.randomUUID() + "/refund";
		for (var call : java.util.List.of(http().get().uri(concerts), http().post().uri(refund))) {
			ResponseEntity<String> anonymous = call.retrieve().onStatus((status) -> true, (request, response) -> {
			}).toEntity(String.class);
			assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
			assertThat(anonymous.getBody()).contains("UNAUTHENTICATED");
		}
		String fan = accessToken("bob");
		for (var call : java.util.List.of(http().get().uri(concerts), http().post().uri(refund))) {
			ResponseEntity<String> notOrganiser = call.header(HttpHeaders.AUTHORIZATION, "Bearer " + fan)
				.retrieve()
				.onStatus((status) -> true, (request, response) -> {
				})
				.toEntity(String.class);
			assertThat(notOrganiser.getStatusCode().value()).isEqualTo(403);
			assertThat(notOrganiser.getBody()).contains("ROLE_REQUIRED");
		}
		ResponseEntity<String> organiser = http().get()
			.uri(concerts)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken("olivia"))
			.retrieve()
			.toEntity(String.class);
		assertThat(organiser.getStatusCode().value()).as("the role is what lets a caller in").isEqualTo(200);
	}

	private RestClient http() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
