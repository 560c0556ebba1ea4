package dev.ticketing.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Adaptive admission in the running service, against the real Redis: the booking calls
 * are measured, the report moves the line's limit, and the risen limit admits the next in
 * line at once. The timer is held off; the test makes the report itself. The target is
 * far above any latency, so the path is healthy by construction.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.queue.admission=adaptive", "concert.queue.min-active=1",
		"concert.queue.max-active=5", "concert.queue.adaptive.interval=1h", "concert.queue.adaptive.target-p95=1m" })
class AdaptiveAdmissionIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	QueueService queue;

	@Autowired
	BookingHealth health;

	@Test
	void measuredBookingCallsRaiseTheLimitAndTheNextInLineIsAdmitted() {
		ConcertId concert = this.boxOffice.concert("Adaptive", 2, Points.of(100));
		Api api = new Api(this.port);
		String first = api.token(concert, this.boxOffice.fan(Points.ZERO));
		String second = api.token(concert, this.boxOffice.fan(Points.ZERO));
		assertThat(this.queue.size(concert).limit()).isEqualTo(1);
		assertThat(api.get("/api/v1/queue/concerts/" + concert, second).getBody().get("status").asString())
			.isEqualTo("WAITING");

		assertThat(api.get("/api/v1/concerts/" + concert + "/dates", first).getStatusCode().value()).isEqualTo(200);
		// The call is measured once its response is complete, which the client may see
		// first; until then the concert has no report, and a step without one changes
		// nothing.
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.queue.adapt(this.health);
			return this.queue.size(concert).limit() > 1;
		});

		assertThat(this.queue.size(concert).limit()).isEqualTo(2);
		assertThat(api.get("/api/v1/queue/concerts/" + concert, second).getBody().get("status").asString())
			.isEqualTo("ACTIVE");
	}

}
