package dev.ticketing.web;

import java.io.InputStream;
import java.net.http.HttpResponse;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.support.Api;
import dev.ticketing.support.Browser;
import dev.ticketing.support.Wire;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A waiting room whose status channel is refused (its WebSocket closed with 1013
 * TOO_MANY_STREAMS: the instance has as many open as it takes, an event stream here)
 * follows the line by polling, and still lets its fan in.
 */
@TestPropertySource(properties = "concert.queue.max-streams-per-instance=1")
class RefusedStreamBrowserTests extends BrowserTestSupport {

	@Autowired
	MeterRegistry meters;

	@Test
	void aWaitingFanWhoseStreamIsRefusedIsLetInByPolling() throws Exception {
		ConcertId concert = concert("Crowded Night", 10, 1_000);
		Api alice = api("alice");
		String alicesTurn = alice.token(concert, DemoAccounts.ALICE.userId());
		String oliviasTurn = api("olivia").token(concert, DemoAccounts.OLIVIA.userId());
		HttpResponse<InputStream> theOneStream = new Wire(this.port).openStream(concert, oliviasTurn);
		try {
			assertThat(theOneStream.statusCode()).isEqualTo(200);
			Browser bob = browser();

			signInAndJoin(bob, "Crowded Night", "bob");
			bob.waitForRole("status", "You are next in line.");
			assertThat(this.meters.get("concert.limits.streams.open").gauge().value())
				.as("the page streams nothing: its channel was refused")
				.isEqualTo(1);
			bob.script("window.stillThisPage = true");

			alice.delete("/api/v1/queue/concerts/" + concert, alicesTurn);

			bob.waitForRole("status", "It is your turn");
			assertThat(bob.script("return window.stillThisPage === true")).as("the page was not reloaded")
				.isEqualTo(true);
		}
		finally {
			theOneStream.body().close();
		}
	}

}
