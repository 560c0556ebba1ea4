package dev.ticketing.limits;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A token keeps at most {@code concert.queue.max-streams-per-token} status streams open;
 * one more is refused with 429 TOO_MANY_STREAMS until one of them ends. Streams are
 * written to often here, so a stream whose client went away is noticed quickly.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.queue.max-streams-per-token=2", "concert.queue.stream-interval=50ms",
		"concert.queue.stream-heartbeat=50ms" })
class StreamLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Test
	void aThirdStreamOfOneTokenIsRefusedUntilOneOfTheTwoEnds() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = this.boxOffice.concert("Streams", Duration.ofDays(1), 1, Points.of(1));
		String token = api.token(concert, this.boxOffice.fan(Points.ZERO));
		String other = api.token(concert, this.boxOffice.fan(Points.ZERO));
		Wire http = new Wire(this.port);
		List<HttpResponse<InputStream>> open = new ArrayList<>();
		try {
			open.add(http.openStream(concert, token));
			open.add(http.openStream(concert, token));
			assertThat(open).allSatisfy((s) -> assertThat(s.statusCode()).isEqualTo(200));

			HttpResponse<InputStream> third = http.openStream(concert, token);
			assertThat(third.statusCode()).isEqualTo(429);
			assertThat(third.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(new String(third.body().readAllBytes())).contains("\"code\":\"TOO_MANY_STREAMS\"");
			HttpResponse<InputStream> others = http.openStream(concert, other);
			open.add(others);
			assertThat(others.statusCode()).as("another token has its own streams").isEqualTo(200);

			open.removeFirst().body().close();
			await().atMost(Duration.ofSeconds(10)).until(() -> {
				HttpResponse<InputStream> again = http.openStream(concert, token);
				if (again.statusCode() == 200) {
					open.add(again);
					return true;
				}
				again.body().close();
				return false;
			});
		}
		finally {
			for (HttpResponse<InputStream> s : open) {
				s.body().close();
			}
		}
	}

	@Test
	void aStreamRefusedForItsTokenDoesNotCount() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = this.boxOffice.concert("Streams", Duration.ofDays(1), 1, Points.of(1));
		Wire http = new Wire(this.port);
		String forged = "A".repeat(64);
		for (int i = 0; i < 3; i++) {
			HttpResponse<InputStream> refused = http.openStream(concert, forged);
			assertThat(refused.statusCode()).isEqualTo(401);
			refused.body().close();
		}
		assertThat(api.get("/api/v1/queue/concerts/" + concert, forged).getStatusCode().value()).isEqualTo(401);
	}

}
