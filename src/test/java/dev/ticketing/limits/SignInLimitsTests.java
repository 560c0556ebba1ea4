package dev.ticketing.limits;

import java.net.http.HttpClient;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits of signing in to the embedded authorisation server, over real HTTP: the
 * token endpoint (client credentials, as curl signs in) and the login form share one
 * budget per account. A guesser is stopped at their own address first, and what they are
 * refused there spends nothing of the account's budget, so its owner still signs in from
 * elsewhere. Clients that count as other addresses come through a "proxy"
 * (X-Forwarded-For from loopback). The limits are an hour long, so nothing refills while
 * a test runs; each test uses addresses of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "concert.demo-data=false", "concert.security.embedded.enabled=true",
				"concert.limits.sign-in.per-account-and-address=3/1h", "concert.limits.sign-in.per-address=6/1h",
				"concert.limits.sign-in.per-account=5/1h", "concert.limits.redis-timeout=30s",
				"spring.datasource.url=jdbc:h2:mem:sign-in-limits;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
						+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
class SignInLimitsTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	ObjectMapper json;

	@Test
	void aGuesserAtOneAddressIsStoppedThereAndTheOwnerStillSignsInFromAnother() {
		String guesser = "203.0.113.7";
		for (int i = 0; i < 3; i++) {
			assertThat(token("bob", "guess-" + i, guesser).getStatusCode().value()).isEqualTo(401);
		}
		ResponseEntity<String> refused = token("bob", "demo", guesser);
		assertSignInLimited(refused, "this account from this address");
		for (int i = 0; i < 20; i++) {
			assertThat(token("Bob", "guess-more-" + i, guesser).getStatusCode().value())
				.as("refused, however the name is spelt")
				.isEqualTo(429);
		}

		assertThat(token("bob", "demo", "198.51.100.9").getStatusCode().value())
			.as("the owner from another address: the 20 refused guesses spent nothing of the account's budget")
			.isEqualTo(200);
		assertThat(token("alice", "demo", guesser).getStatusCode().value())
			.as("another account at the guesser's address")
			.isEqualTo(200);
	}

	@Test
	void aGuesserSpreadOverManyAddressesMeetsTheAccountsLooserLimit() {
		for (int i = 1; i <= 5; i++) {
			assertThat(token("olivia", "guess", "198.51.100." + (100 + i)).getStatusCode().value()).isEqualTo(401);
		}
		assertSignInLimited(token("olivia", "demo", "198.51.100.106"), "this account");
		assertThat(token("alice", "demo", "198.51.100.106").getStatusCode().value()).as("another account")
			.isEqualTo(200);
	}

	@Test
	void anAddressTryingManyAccountsMeetsItsLimitAndNoOtherAddressDoes() {
		String stuffer = "192.0.2.50";
		for (int i = 0; i < 6; i++) {
			assertThat(token("user-" + UUID.randomUUID(), "password", stuffer).getStatusCode().value()).isEqualTo(401);
		}
		assertSignInLimited(token("user-" + UUID.randomUUID(), "password", stuffer), "this address");
		assertThat(token("user-" + UUID.randomUUID(), "password", "192.0.2.51").getStatusCode().value())
			.as("another address")
			.isEqualTo(401);
	}

	@Test
	void theLoginFormAndTheTokenEndpointShareTheBudgetAndABrowserIsShownTheRefusalOnTheSignInPage() {
		String address = "192.0.2.77";
		String name = "carol-" + UUID.randomUUID();
		ResponseEntity<String> failed = login(name, "guess-1", address, MediaType.TEXT_HTML_VALUE);
		assertThat(failed.getStatusCode().value()).isEqualTo(302);
		assertThat(failed.getHeaders().getLocation().toString()).endsWith("/login?error");
		assertThat(login(name, "guess-2", address, MediaType.TEXT_HTML_VALUE).getStatusCode().value()).isEqualTo(302);
		assertThat(token(name, "guess-3", address).getStatusCode().value()).isEqualTo(401);

		ResponseEntity<String> page = login(name, "guess-4", address, MediaType.TEXT_HTML_VALUE);
		assertThat(page.getStatusCode().value()).isEqualTo(429);
		assertThat(Long.parseLong(page.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 1200L);
		assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
		assertThat(page.getBody()).contains("role=\"alert\"")
			.contains("Too many attempts to sign in. Wait " + page.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)
					+ " seconds and try again.")
			.contains("value=\"" + name + "\"");

		assertSignInLimited(login(name, "guess-5", address, MediaType.APPLICATION_JSON_VALUE),
				"this account from this address");
		assertSignInLimited(token(name, "guess-6", address), "this account from this address");
	}

	private void assertSignInLimited(ResponseEntity<String> response, String whose) {
		assertThat(response.getStatusCode().value()).isEqualTo(429);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		long retryAfter = Long.parseLong(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
		assertThat(retryAfter).isBetween(1L, 1200L);
		JsonNode problem = this.json.readTree(response.getBody());
		assertThat(problem.get("code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(problem.get("status").asInt()).isEqualTo(429);
		assertThat(problem.get("detail").asString()).contains("for " + whose + ";");
	}

	/** A client-credentials token request, as curl signs a demo account in. */
	private ResponseEntity<String> token(String client, String secret, String address) {
		return http().post()
			.uri("/oauth2/token")
			.header("X-Forwarded-For", address)
			.headers((headers) -> headers.setBasicAuth(client, secret))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("grant_type=client_credentials")
			.retrieve()
			.toEntity(String.class);
	}

	/**
	 * The sign-in page's form, posted as a browser does: with its session and CSRF token.
	 */
	private ResponseEntity<String> login(String username, String password, String address, String accept) {
		ResponseEntity<String> page = http().get()
			.uri("/login")
			.header("X-Forwarded-For", address)
			.retrieve()
			.toEntity(String.class);
		Matcher csrf = CSRF.matcher(page.getBody());
		assertThat(csrf.find()).as("the sign-in form carries a CSRF token: %s", page.getBody()).isTrue();
		String session = page.getHeaders().getFirst(HttpHeaders.SET_COOKIE).split(";")[0];
		return http().post()
			.uri("/login")
			.header("X-Forwarded-For", address)
			.header(HttpHeaders.COOKIE, session)
			.header(HttpHeaders.ACCEPT, accept)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body("username=" + username + "&password=" + password + "&_csrf=" + csrf.group(1))
			.retrieve()
			.toEntity(String.class);
	}

	private RestClient http() {
		return RestClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.requestFactory(new JdkClientHttpRequestFactory(
					HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()))
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

}
