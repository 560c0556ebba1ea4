package dev.ticketing.common;

import java.net.http.HttpResponse;
import java.util.stream.IntStream;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;

import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tomcat's smaller per-connection buffers ({@link ConnectionBuffers}) are the ones the
 * running connector uses, and ordinary requests do not notice them: large headers, a
 * large answer, a web page's headers.
 */
@IntegrationTest
class ConnectionBuffersIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	BoxOffice boxOffice;

	@Test
	void theRunningConnectorHasTheConfiguredBuffers() {
		Connector connector = ((TomcatWebServer) this.context.getWebServer()).getTomcat().getConnector();
		assertThat(connector.getProtocolHandler()).isInstanceOfSatisfying(CompactHttp11NioProtocol.class,
				(protocol) -> {
					assertThat(protocol.getSocketBufferSize()).isEqualTo(2048);
					assertThat(protocol.getDesiredBufferSize()).isEqualTo(2048);
					assertThat(protocol.getMaxHttpResponseHeaderSize()).isEqualTo(4096);
					assertThat(protocol.getMaxHttpRequestHeaderSize()).isEqualTo(8192);
				});
		assertThat(connector.createResponse(new org.apache.coyote.Response()).getBufferSize()).isEqualTo(2048);
	}

	@Test
	void aRequestWithALargeAccessTokenAndCookiesIsServed() throws Exception {
		UserId fan = this.boxOffice.fan(Points.of(70));
		// A provider's token naming many groups, as some put in their access tokens.
		String[] groups = IntStream.range(0, 40)
			.mapToObj((i) -> "group-" + i + "-of-a-large-directory")
			.toArray(String[]::new);
		String accessToken = TestIssuer.tokenFor(fan.value(), groups);
		String cookies = String.join("; ",
				IntStream.range(0, 16).mapToObj((i) -> "c" + i + "=" + "v".repeat(180)).toList());
		String[] browserHeaders = { "Cookie", cookies, "User-Agent",
				"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
				"Accept", "application/json, text/plain, */*", "Accept-Language", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7",
				"Referer", "https://tickets.example/concerts/" + "x".repeat(64), "X-Request-Id", "r".repeat(64) };
		int headerBytes = ("Authorization: Bearer " + accessToken).length()
				+ IntStream.range(0, browserHeaders.length / 2)
					.map((i) -> browserHeaders[2 * i].length() + 2 + browserHeaders[2 * i + 1].length())
					.sum();
		// Larger than the socket buffer (read in more than one read), under the header
		// limit.
		assertThat(headerBytes).isBetween(5 * 1024, 7 * 1024);

		HttpResponse<String> wallet = new Wire(this.port).send("GET", "/api/v1/users/" + fan.value() + "/points",
				accessToken, null, browserHeaders);

		assertThat(wallet.statusCode()).isEqualTo(200);
		assertThat(wallet.body()).contains("\"balance\":70");
	}

	@Test
	void anAnswerLargerThanTheResponseBufferArrivesWhole() throws Exception {
		HttpResponse<String> document = new Wire(this.port).send("GET", "/v3/api-docs", null, null);

		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.body().length()).isGreaterThan(10 * 2048);
		assertThat(document.body()).startsWith("{").endsWith("}");
	}

	@Test
	void aWebPagesHeadersFitTheResponseHeaderBufferWithRoomToSpare() throws Exception {
		HttpResponse<String> page = new Wire(this.port).send("GET", "/", null, null, "Accept", "text/html");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
		int headerBytes = page.headers()
			.map()
			.entrySet()
			.stream()
			.mapToInt((header) -> header.getValue()
				.stream()
				.mapToInt((value) -> header.getKey().length() + 4 + value.length())
				.sum())
			.sum();
		assertThat(headerBytes).isLessThan(2048);
	}

}
