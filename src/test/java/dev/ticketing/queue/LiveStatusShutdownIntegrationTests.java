package dev.ticketing.queue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance that shuts down closes its open status WebSockets with 1001 (going away) as
 * shutdown begins, so their pages reconnect to another instance at once. Shutdown begins
 * with the context's closed event, which this test sends as closing the context does
 * (closing the test's own context would leave the test framework without it; the whole
 * SIGTERM of a packaged instance is GracefulShutdownIT's); a class of its own, as
 * everything listening for it has heard that the instance is going.
 */
@IntegrationTest
class LiveStatusShutdownIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void shutdownClosesEveryChannelAsGoingAway() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = this.boxOffice.concert("Live", Duration.ofDays(1), 1, Points.of(1));
		Wire.Live live = new Wire(this.port).openLive(concert)
			.send(api.token(concert, this.boxOffice.fan(Points.ZERO)));
		assertThat(live.next(5)).contains("\"status\":\"ACTIVE\"");

		this.context.publishEvent(new ContextClosedEvent(this.context));

		assertThat(live.closing(5).code()).isEqualTo(1001);
	}

}
