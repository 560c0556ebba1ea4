package dev.ticketing.queue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Wire;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The status channel over a real WebSocket: the client sends its queue token as its first
 * message and then hears every change of its status, as the event stream's client does; a
 * missing, forged, foreign or expired token closes the channel with 1008 and its problem
 * code, and changes nothing.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.queue.max-active=1", "concert.queue.stream-interval=100ms",
		"concert.queue.stream-heartbeat=300ms" })
class LiveStatusIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void noChannelIsOpen() {
		await().atMost(Duration.ofSeconds(10)).until(() -> openChannels() == 0);
	}

	@Test
	void aWaitingFansChannelSaysActiveAsSoonAsTheSlotFrees() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		String first = api.token(concert, this.boxOffice.fan(Points.ZERO));
		String second = api.token(concert, this.boxOffice.fan(Points.ZERO));

		Wire.Live live = new Wire(this.port).openLive(concert);
		assertThat(live.refusedWith()).isZero();
		live.send(second);
		try {
			assertThat(live.next(5)).contains("\"status\":\"WAITING\"").contains("\"position\":1");
			assertThat(openChannels()).isEqualTo(1);
			double answered = statusAnswers();
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(statusAnswers()).as("each visit of the channel counts as the fan polling")
					.isGreaterThanOrEqualTo(answered + 5);
				assertThat(live.pings()).as("an unchanged channel hears a heartbeat").isPositive();
			});
			assertThat(live.next(0)).as("nothing changed, nothing sent").isNull();

			api.delete("/api/v1/queue/concerts/" + concert, first);
			assertThat(live.next(5)).contains("\"status\":\"ACTIVE\"");
		}
		finally {
			live.close();
		}
	}

	@Test
	void aChannelClosesNormallyOnceItsTokenExpires() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		String token = api.token(concert, this.boxOffice.fan(Points.ZERO));
		Wire.Live live = new Wire(this.port).openLive(concert).send(token);
		assertThat(live.next(5)).contains("\"status\":\"ACTIVE\"");

		api.delete("/api/v1/queue/concerts/" + concert, token);

		assertThat(live.next(5)).contains("\"status\":\"EXPIRED\"");
		assertThat(live.closing(5).code()).isEqualTo(1000);
		await().atMost(Duration.ofSeconds(5)).until(() -> openChannels() == 0);
	}

	@Test
	void aChannelWithoutATokenIsClosedAsAPolicyViolation() throws Exception {
		Wire.Live live = new Wire(this.port).openLive(concert());
		assertThat(live.refusedWith()).isZero();
		assertThat(live.closing(LiveStatus.TOKEN_WAIT.toSeconds() + 5))
			.isEqualTo(new Wire.Live.Close(1008, "INVALID_TOKEN"));
		assertThat(live.next(0)).isNull();
	}

	@Test
	void aForgedTokenIsRefusedAndCountsForNothing() throws Exception {
		Wire.Live live = new Wire(this.port).openLive(concert()).send("A".repeat(80));
		assertThat(live.closing(5)).isEqualTo(new Wire.Live.Close(1008, "INVALID_TOKEN"));
		assertThat(live.next(0)).isNull();
		assertThat(openChannels()).isZero();
	}

	@Test
	void aTokenOfAnotherConcertIsRefusedAndChangesNothing() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		ConcertId other = concert();
		api.token(other, this.boxOffice.fan(Points.ZERO));
		String waiting = api.token(other, this.boxOffice.fan(Points.ZERO));
		double answered = statusAnswers();

		Wire.Live live = new Wire(this.port).openLive(concert).send(waiting);

		assertThat(live.closing(5)).isEqualTo(new Wire.Live.Close(1008, "INVALID_TOKEN"));
		assertThat(live.next(0)).isNull();
		assertThat(statusAnswers()).as("the line was not asked").isEqualTo(answered);
		assertThat(openChannels()).isZero();
		var status = api.get("/api/v1/queue/concerts/" + other, waiting).getBody();
		assertThat(status.get("status").asString()).isEqualTo("WAITING");
		assertThat(status.get("position").asLong()).isEqualTo(1);
	}

	@Test
	void aTokenOfAnEarlierEntryIsRefusedAsExpired() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		UserId user = this.boxOffice.fan(Points.ZERO);
		String earlier = api.token(concert, user);
		api.delete("/api/v1/queue/concerts/" + concert, earlier);
		String later = api.token(concert, user);

		Wire.Live live = new Wire(this.port).openLive(concert).send(earlier);

		assertThat(live.closing(5)).isEqualTo(new Wire.Live.Close(1008, "TOKEN_EXPIRED"));
		assertThat(live.next(0)).isNull();
		assertThat(openChannels()).isZero();
		assertThat(api.get("/api/v1/queue/concerts/" + concert, later).getBody().get("status").asString())
			.isEqualTo("ACTIVE");
	}

	@Test
	void aHandshakeFromAnotherOriginIsRefused() throws Exception {
		ConcertId concert = concert();
		assertThat(new Wire(this.port).openLive(concert, "Origin", "https://evil.example").refusedWith())
			.isEqualTo(403);
		Wire.Live own = new Wire(this.port).openLive(concert, "Origin", "http://127.0.0.1:" + this.port);
		assertThat(own.refusedWith()).as("the service's own pages may open it").isZero();
		own.close();
	}

	private ConcertId concert() {
		return this.boxOffice.concert("Live", Duration.ofDays(1), 1, Points.of(1));
	}

	private double openChannels() {
		return this.meters.get("concert.limits.streams.open").gauge().value();
	}

	private double statusAnswers() {
		return this.meters.find("concert.queue.status.answers")
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

}
