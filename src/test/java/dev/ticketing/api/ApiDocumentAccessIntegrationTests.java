package dev.ticketing.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.ticketing.support.IntegrationTest;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API document and Swagger UI are public, as the API they describe is, through a
 * security chain of their own (SecurityConfiguration.API_DOCUMENTATION): anyone reads
 * them, a bearer token is neither needed nor checked, and the browser's protections are
 * on, as on every other answer.
 */
@IntegrationTest
class ApiDocumentAccessIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void anyoneReadsTheApiDocumentWithTheBrowsersProtectionsOn() throws Exception {
		HttpResponse<String> document = get("/v3/api-docs", null);

		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.body()).contains("\"title\":\"Concert booking\"");
		assertThat(document.headers().firstValue("X-Content-Type-Options")).as("a security chain answered")
			.hasValue("nosniff");
		assertThat(document.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(document.headers().firstValue("Set-Cookie")).as("no session").isEmpty();
	}

	@Test
	void aBearerTokenIsNotCheckedOnTheDocument() throws Exception {
		assertThat(get("/v3/api-docs", "not-a-jwt").statusCode()).isEqualTo(200);
	}

	@Test
	void anyoneOpensSwaggerUi() throws Exception {
		HttpResponse<String> redirect = get("/swagger-ui.html", null);
		assertThat(redirect.statusCode()).isEqualTo(302);
		String page = redirect.headers().firstValue("Location").orElseThrow();

		HttpResponse<String> ui = get(URI.create("http://127.0.0.1:" + this.port).resolve(page).getPath(), null);

		assertThat(ui.statusCode()).isEqualTo(200);
		assertThat(ui.body()).contains("swagger-ui");
		assertThat(ui.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
	}

	private HttpResponse<String> get(String path, String bearer) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
