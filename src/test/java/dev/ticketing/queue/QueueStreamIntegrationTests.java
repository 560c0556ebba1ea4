package dev.ticketing.queue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status stream over real HTTP: a waiting user's stream says WAITING at once and
 * ACTIVE when the slot frees, without the client asking again.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.queue.max-active=1", "concert.queue.stream-interval=100ms" })
class QueueStreamIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Test
	void aWaitingUsersStreamSaysActiveAsSoonAsTheSlotFrees() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = this.boxOffice.concert("Stream", Duration.ofDays(1), 1, Points.of(1));
		String first = api.token(concert, this.boxOffice.fan(Points.ZERO));
		UserId waiting = this.boxOffice.fan(Points.ZERO);
		String second = api.token(concert, waiting);

		HttpResponse<InputStream> stream = new Wire(this.port).openStream(concert, second);
		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		BlockingQueue<String> data = new LinkedBlockingQueue<>();
		Thread reader = Thread.ofVirtual().start(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("data:")) {
						data.add(line.substring(5));
					}
				}
			}
			catch (Exception ex) {
				// the test closes the stream
			}
		});
		try {
			assertThat(data.poll(5, TimeUnit.SECONDS)).contains("\"status\":\"WAITING\"").contains("\"position\":1");
			api.delete("/api/v1/queue/concerts/" + concert, first);
			assertThat(data.poll(5, TimeUnit.SECONDS)).contains("\"status\":\"ACTIVE\"");
		}
		finally {
			stream.body().close();
			reader.interrupt();
		}
	}

	@Test
	void aStreamIsRefusedForATokenOfAnEarlierEntry() {
		Api api = new Api(this.port);
		ConcertId concert = this.boxOffice.concert("Stream", Duration.ofDays(1), 1, Points.of(1));
		UserId user = this.boxOffice.fan(Points.ZERO);
		String earlier = api.token(concert, user);
		api.delete("/api/v1/queue/concerts/" + concert, earlier);
		String later = api.token(concert, user);
		assertThat(later).isNotEqualTo(earlier);
		var refused = api.get("/api/v1/queue/concerts/" + concert + "/stream", earlier);
		assertThat(refused.getStatusCode().value()).isEqualTo(401);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("TOKEN_EXPIRED");
		assertThat(api.get("/api/v1/queue/concerts/" + concert, earlier).getBody().get("status").asString())
			.isEqualTo("EXPIRED");
		assertThat(api.get("/api/v1/queue/concerts/" + concert, later).getBody().get("status").asString())
			.isEqualTo("ACTIVE");
	}

	@Test
	void aStreamNeedsAValidTokenForTheConcert() {
		Api api = new Api(this.port);
		ConcertId concert = this.boxOffice.concert("Stream", Duration.ofDays(1), 1, Points.of(1));
		assertThat(api.get("/api/v1/queue/concerts/" + concert + "/stream", "A".repeat(80)).getStatusCode().value())
			.isEqualTo(401);
		assertThat(api.get("/api/v1/queue/concerts/" + concert + "/stream", null).getStatusCode().value())
			.isEqualTo(401);
	}

}
