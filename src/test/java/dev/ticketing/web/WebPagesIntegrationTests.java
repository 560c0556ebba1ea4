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

	private RestClient http() {
		return RestClient.create("http://localhost:" + this.port);
	}

}
