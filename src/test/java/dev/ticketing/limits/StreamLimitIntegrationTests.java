package dev.ticketing.limits;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
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
 * Status streams are capped per token, per user, per client address and per instance; one
 * more is refused with 429 TOO_MANY_STREAMS (the web app then polls) until one of them
 * ends. Streams are written to often here, so a stream whose client went away is noticed
 * quickly; each test starts once every stream of the last one is.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.queue.max-streams-per-token=2", "concert.queue.max-streams-per-user=3",
		"concert.queue.max-streams-per-address=3", "concert.queue.max-streams-per-instance=6",
		"concert.queue.stream-interval=50ms", "concert.queue.stream-heartbeat=50ms" })
class StreamLimitIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	MeterRegistry meters;

	private final List<HttpResponse<InputStream>> open = new ArrayList<>();

	private final List<Wire.Live> live = new ArrayList<>();

	@BeforeEach
	void noStreamIsOpen() {
		await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 0);
	}

	@AfterEach
	void closeStreams() throws IOException {
		for (HttpResponse<InputStream> stream : this.open) {
			stream.body().close();
		}
		this.live.forEach(Wire.Live::close);
	}

	@Test
	void aThirdStreamOfOneTokenIsRefusedUntilOneOfTheTwoEnds() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		String token = api.token(concert, this.boxOffice.fan(Points.ZERO));
		String other = api.token(concert, this.boxOffice.fan(Points.ZERO));
		Wire http = new Wire(this.port);
		opens(http.openStream(concert, token));
		opens(http.openStream(concert, token));

		HttpResponse<InputStream> third = http.openStream(concert, token);
		assertRefused(third, "this queue token");
		opens(http.openStream(concert, other));

		this.open.removeFirst().body().close();
		awaitOpening(() -> http.openStream(concert, token));
	}

	@Test
	void aUserKeepsNoMoreStreamsThanTheirCapWhateverTheirTokens() throws Exception {
		Api api = new Api(this.port);
		UserId user = this.boxOffice.fan(Points.ZERO);
		ConcertId first = concert();
		ConcertId second = concert();
		String firstToken = api.token(first, user);
		String secondToken = api.token(second, user);
		Wire http = new Wire(this.port);
		opens(http.openStream(first, firstToken));
		opens(http.openStream(first, firstToken));
		opens(http.openStream(second, secondToken));

		assertRefused(http.openStream(second, secondToken), "this user");
		opens(http.openStream(second, api.token(second, this.boxOffice.fan(Points.ZERO))));

		this.open.removeFirst().body().close();
		awaitOpening(() -> http.openStream(second, secondToken));
	}

	@Test
	void anAddressKeepsNoMoreStreamsThanItsCapWhateverItsUsers() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		Wire http = new Wire(this.port);
		for (int i = 0; i < 3; i++) {
			opens(http.openStream(concert, api.token(concert, this.boxOffice.fan(Points.ZERO)), "X-Forwarded-For",
					"198.51.100.20"));
		}

		assertRefused(http.openStream(concert, api.token(concert, this.boxOffice.fan(Points.ZERO)), "X-Forwarded-For",
				"198.51.100.20"), "this address");
		opens(http.openStream(concert, api.token(concert, this.boxOffice.fan(Points.ZERO)), "X-Forwarded-For",
				"198.51.100.21"));
	}

	@Test
	void anInstanceKeepsNoMoreStreamsThanItsCap() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		Wire http = new Wire(this.port);
		for (int i = 0; i < 6; i++) {
			opens(http.openStream(concert, api.token(concert, this.boxOffice.fan(Points.ZERO))));
		}
		assertThat(openStreams()).isEqualTo(6);

		String late = api.token(concert, this.boxOffice.fan(Points.ZERO));
		assertRefused(http.openStream(concert, late), "this server");
		assertThat(api.get("/api/v1/queue/concerts/" + concert, late).getStatusCode().value())
			.as("a refused stream's user polls instead")
			.isEqualTo(200);

		this.open.removeFirst().body().close();
		awaitOpening(() -> http.openStream(concert, late));
	}

	@Test
	void aStreamRefusedForItsTokenDoesNotCount() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		Wire http = new Wire(this.port);
		String forged = "A".repeat(64);
		for (int i = 0; i < 3; i++) {
			HttpResponse<InputStream> refused = http.openStream(concert, forged);
			assertThat(refused.statusCode()).isEqualTo(401);
			refused.body().close();
		}
		assertThat(api.get("/api/v1/queue/concerts/" + concert, forged).getStatusCode().value()).isEqualTo(401);
		assertThat(openStreams()).isZero();
	}

	@Test
	void webSocketsCountWithStreamsAgainstATokensCap() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		String token = api.token(concert, this.boxOffice.fan(Points.ZERO));
		Wire http = new Wire(this.port);
		opens(http.openStream(concert, token));
		Wire.Live second = opensLive(http.openLive(concert).send(token));

		Wire.Live third = http.openLive(concert).send(token);
		assertThat(third.closing(5)).isEqualTo(new Wire.Live.Close(1013, "TOO_MANY_STREAMS"));
		assertThat(third.next(0)).isNull();
		assertRefused(http.openStream(concert, token), "this queue token");
		assertThat(openStreams()).isEqualTo(2);

		second.close();
		await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == 1);
		opensLive(http.openLive(concert).send(token));
	}

	@Test
	void aUsersWebSocketsAreCappedAsTheirStreamsAre() throws Exception {
		Api api = new Api(this.port);
		UserId user = this.boxOffice.fan(Points.ZERO);
		ConcertId first = concert();
		ConcertId second = concert();
		String firstToken = api.token(first, user);
		String secondToken = api.token(second, user);
		Wire http = new Wire(this.port);
		opensLive(http.openLive(first).send(firstToken));
		opensLive(http.openLive(first).send(firstToken));
		opens(http.openStream(second, secondToken));

		assertThat(http.openLive(second).send(secondToken).closing(5))
			.isEqualTo(new Wire.Live.Close(1013, "TOO_MANY_STREAMS"));
	}

	@Test
	void anAddressKeepsNoMoreWebSocketsThanItsCap() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		Wire http = new Wire(this.port);
		for (int i = 0; i < 3; i++) {
			opensLive(http.openLive(concert, "X-Forwarded-For", "198.51.100.30")
				.send(api.token(concert, this.boxOffice.fan(Points.ZERO))));
		}

		assertThat(http.openLive(concert, "X-Forwarded-For", "198.51.100.30")
			.send(api.token(concert, this.boxOffice.fan(Points.ZERO)))
			.closing(5)).isEqualTo(new Wire.Live.Close(1013, "TOO_MANY_STREAMS"));
		opensLive(http.openLive(concert, "X-Forwarded-For", "198.51.100.31")
			.send(api.token(concert, this.boxOffice.fan(Points.ZERO))));
	}

	@Test
	void anInstanceTakesFiveWebSocketsWhereItTakesOneEventStream() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert();
		Wire http = new Wire(this.port);
		// A cap of 6 event streams: 5 of them and 5 WebSockets fill it.
		for (int i = 0; i < 5; i++) {
			opens(http.openStream(concert, api.token(concert, this.boxOffice.fan(Points.ZERO))));
		}
		for (int i = 0; i < 5; i++) {
			opensLive(http.openLive(concert).send(api.token(concert, this.boxOffice.fan(Points.ZERO))));
		}
		assertThat(openStreams()).isEqualTo(10);

		String late = api.token(concert, this.boxOffice.fan(Points.ZERO));
		assertThat(http.openLive(concert).send(late).closing(5))
			.isEqualTo(new Wire.Live.Close(1013, "TOO_MANY_STREAMS"));
		assertRefused(http.openStream(concert, api.token(concert, this.boxOffice.fan(Points.ZERO))), "this server");
		assertThat(openStreams()).isEqualTo(10);
		assertThat(api.get("/api/v1/queue/concerts/" + concert, late).getStatusCode().value())
			.as("a refused channel's user polls instead")
			.isEqualTo(200);
	}

	private ConcertId concert() {
		return this.boxOffice.concert("Streams", Duration.ofDays(1), 1, Points.of(1));
	}

	private void opens(HttpResponse<InputStream> stream) {
		this.open.add(stream);
		assertThat(stream.statusCode()).isEqualTo(200);
	}

	/** The channel took its token: its first status came. */
	private Wire.Live opensLive(Wire.Live channel) throws InterruptedException {
		this.live.add(channel);
		assertThat(channel.next(5)).contains("\"status\":");
		return channel;
	}

	private void awaitOpening(StreamOpening opening) {
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			HttpResponse<InputStream> again = opening.open();
			if (again.statusCode() == 200) {
				this.open.add(again);
				return true;
			}
			again.body().close();
			return false;
		});
	}

	private static void assertRefused(HttpResponse<InputStream> stream, String whose) throws IOException {
		try (InputStream body = stream.body()) {
			assertThat(stream.statusCode()).isEqualTo(429);
			assertThat(stream.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(stream.headers().firstValue("Retry-After")).hasValue("1");
			assertThat(new String(body.readAllBytes())).contains("\"code\":\"TOO_MANY_STREAMS\"").contains(whose);
		}
	}

	private double openStreams() {
		return this.meters.get("concert.limits.streams.open").gauge().value();
	}

	@FunctionalInterface
	private interface StreamOpening {

		HttpResponse<InputStream> open() throws Exception;

	}

}
