package dev.ticketing.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page the web app serves, the sign-in page included, says what its browser may run
 * and reach: scripts only with the response's own nonce, which every script element of
 * the page (the import map too) carries; connections only to this service and the OIDC
 * provider; no plugins, no base URL, no framing. Swagger UI, on the same origin, has a
 * policy of its own that still runs no inline script.
 */
class ContentSecurityPolicyIntegrationTests extends BrowserTestSupport {

	private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*>");

	private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=]+)'");

	@Test
	void everyPageRunsOnlyScriptsCarryingAFreshNonceOfItsOwnResponse() {
		List<String> pages = List.of("/", "/concerts/" + UUID.randomUUID(), "/tickets", "/organiser", "/gate",
				"/organiser/concerts/" + UUID.randomUUID(), "/login/oauth2/code/concert?code=x&state=y", "/login");
		for (String path : pages) {
			ResponseEntity<String> first = get(path);
			ResponseEntity<String> second = get(path);
			String nonce = nonce(path, first);
			assertThat(nonce(path, second)).as(path + ": a nonce per response").isNotEqualTo(nonce);

			Map<String, List<String>> policy = directives(first);
			assertThat(policy.get("script-src")).as(path + ": scripts only with the nonce")
				.containsExactly("'nonce-" + nonce + "'");
			assertThat(policy.get("connect-src")).as(path + ": this service and the OIDC provider only")
				.containsExactlyInAnyOrder("'self'", "http://localhost:" + this.port);
			assertThat(policy.get("object-src")).as(path).containsExactly("'none'");
			assertThat(policy.get("base-uri")).as(path).containsExactly("'none'");
			assertThat(policy.get("frame-ancestors")).as(path).containsExactly("'none'");
			assertThat(policy.get("default-src")).as(path).containsExactly("'self'");
			assertThat(policy.get("style-src")).as(path + ": no inline styles").containsExactly("'self'");

			Matcher scripts = SCRIPT.matcher(first.getBody());
			while (scripts.find()) {
				assertThat(scripts.group()).as(path + ": every script element carries the header's nonce")
					.contains(" nonce=\"" + nonce + "\"");
			}
			if (!path.equals("/login")) {
				assertThat(first.getBody()).as(path + ": the import map carries the nonce")
					.contains("<script type=\"importmap\" nonce=\"" + nonce + "\">")
					.containsPattern("<script type=\"module\" nonce=\"" + Pattern.quote(nonce) + "\" src=");
			}
		}
	}

	@Test
	void swaggerUiHasAPolicyOfItsOwnThatRunsNoInlineScript() {
		ResponseEntity<String> page = get("/swagger-ui/index.html");
		assertThat(page.getStatusCode().value()).isEqualTo(200);
		Map<String, List<String>> policy = directives(page);
		assertThat(policy.get("script-src")).containsExactly("'self'");
		assertThat(policy.get("connect-src")).containsExactly("'self'");
		assertThat(policy.get("object-src")).containsExactly("'none'");
		assertThat(policy.get("base-uri")).containsExactly("'none'");
		assertThat(policy.get("frame-ancestors")).containsExactly("'none'");
		assertThat(SCRIPT.matcher(page.getBody()).results().map(MatchResult::group))
			.as("Swagger UI's page loads its scripts from files")
			.isNotEmpty()
			.allMatch((script) -> script.contains(" src="));
	}

	private ResponseEntity<String> get(String path) {
		return RestClient.create("http://localhost:" + this.port)
			.get()
			.uri(path)
			.retrieve()
			.onStatus((status) -> true, (request, response) -> {
			})
			.toEntity(String.class);
	}

	private static String nonce(String path, ResponseEntity<String> page) {
		assertThat(page.getStatusCode().value()).as(path).isEqualTo(200);
		Matcher nonce = NONCE.matcher(header(page));
		assertThat(nonce.find()).as(path + ": a nonce in " + header(page)).isTrue();
		return nonce.group(1);
	}

	private static String header(ResponseEntity<String> page) {
		List<String> policies = page.getHeaders().get("Content-Security-Policy");
		assertThat(policies).as("one Content-Security-Policy").hasSize(1);
		return policies.getFirst();
	}

	/** Each directive of the policy with its sources. */
	private static Map<String, List<String>> directives(ResponseEntity<String> page) {
		Map<String, List<String>> directives = new LinkedHashMap<>();
		for (String directive : header(page).split(";")) {
			List<String> words = Arrays.asList(directive.trim().split("\\s+"));
			directives.put(words.getFirst(), words.subList(1, words.size()));
		}
		return directives;
	}

}
