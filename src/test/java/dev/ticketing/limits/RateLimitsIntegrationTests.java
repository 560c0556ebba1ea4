package dev.ticketing.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.point.PointService;
import dev.ticketing.queue.QueueService;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;
import dev.ticketing.support.Wire;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every rate limit over real HTTP on the Redis store: the request past the limit is
 * refused with 429 RATE_LIMITED and a Retry-After, and changes nothing. The limits are an
 * hour long, so no bucket refills while a test runs. Clients that should count as other
 * addresses come through a "proxy" (X-Forwarded-For from loopback, the one trusted proxy
 * by default).
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.queue.max-active=1000", "concert.limits.issue.per-user=3/1h",
		"concert.limits.issue.per-address=5/1h", "concert.limits.status.per-user=3/1h",
		"concert.limits.status.per-address=off", "concert.limits.hold.per-user=2/1h",
		"concert.limits.hold.per-address=off", "concert.limits.charge.per-user=2/1h",
		"concert.limits.charge.per-address=3/1h", "concert.limits.browse.per-user=3/1h",
		"concert.limits.browse.per-address=off",
		// What these tests assert is enforcement: a Redis slow on a busy machine must not
		// let a request through unlimited (the degradation has its own tests).
		"concert.limits.redis-timeout=30s" })
class RateLimitsIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ConcertService concerts;

	@Autowired
	PointService points;

	@Autowired
	QueueService queue;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	@Autowired
	StringRedisTemplate redis;

	@Value("${concert.queue.key-prefix}")
	String prefix;

	@Test
	void aUserIssuingTokensPastTheLimitIsRefusedAndKeepsItsPlace() {
		Api api = new Api(this.port);
		ConcertId concert = concert(1);
		UserId user = this.boxOffice.fan(Points.ZERO);
		String path = "/api/v1/queue/concerts/" + concert + "/users/" + user;
		String token = null;
		for (int i = 0; i < 3; i++) {
			ResponseEntity<JsonNode> issued = api.post(path, null, null);
			assertThat(issued.getStatusCode().value()).isEqualTo(201);
			token = issued.getBody().get("tokenId").asString();
		}

		assertRateLimited(api.post(path, null, null), 1200);
		assertThat(this.queue.size(concert).active()).isOne();
		assertThat(api.get("/api/v1/queue/concerts/" + concert, token).getBody().get("status").asString())
			.isEqualTo("ACTIVE");
		assertThat(this.redis.keys(this.prefix + "limit:issue-user:*")).as("the bucket is in Redis, by user id")
			.contains(this.prefix + "limit:issue-user:" + user);
	}

	@Test
	void anAddressIssuingTokensForManyUsersIsRefusedPastItsLimitAndTheRefusedUserIsNotInLine() {
		ConcertId concert = concert(1);
		Api crowded = new Api(this.port, "203.0.113.7");
		for (int i = 0; i < 5; i++) {
			assertThat(crowded.post(issuePath(concert, this.boxOffice.fan(Points.ZERO)), null, null)
				.getStatusCode()
				.value()).isEqualTo(201);
		}

		// 5/1h: one request is this instance's alone, four are shared; the shared bucket
		// has one again after a quarter of an hour.
		assertRateLimited(crowded.post(issuePath(concert, this.boxOffice.fan(Points.ZERO)), null, null), 900);
		assertThat(this.queue.size(concert).active() + this.queue.size(concert).waiting()).isEqualTo(5);
		assertThat(
				new Api(this.port, "198.51.100.9").post(issuePath(concert, this.boxOffice.fan(Points.ZERO)), null, null)
					.getStatusCode()
					.value())
			.as("another address has its own limit")
			.isEqualTo(201);
		assertThat(new Api(this.port).post(issuePath(concert, this.boxOffice.fan(Points.ZERO)), null, null)
			.getStatusCode()
			.value()).as("loopback is not limited per address").isEqualTo(201);
	}

	@Test
	void aForwardedLoopbackAddressIsLimitedLikeAnyOther() {
		ConcertId concert = concert(1);
		Api claimsLoopback = new Api(this.port, "127.0.0.9");
		for (int i = 0; i < 5; i++) {
			assertThat(claimsLoopback.post(issuePath(concert, this.boxOffice.fan(Points.ZERO)), null, null)
				.getStatusCode()
				.value()).isEqualTo(201);
		}

		assertRateLimited(claimsLoopback.post(issuePath(concert, this.boxOffice.fan(Points.ZERO)), null, null), 900);
		assertThat(this.redis.hasKey(this.prefix + "limit:issue-address:127.0.0.9")).isTrue();
	}

	@Test
	void aForwardedAddressFromAPeerThatIsNoTrustedProxyIsIgnored() throws Exception {
		String peer = otherLocalAddress();
		ConcertId concert = concert(1);
		for (int i = 0; i < 5; i++) {
			Api claimsAnother = new Api(this.port, "203.0.113." + (60 + i)).connectingTo(peer);
			assertThat(claimsAnother.post(issuePath(concert, this.boxOffice.fan(Points.ZERO)), null, null)
				.getStatusCode()
				.value()).isEqualTo(201);
		}

		assertRateLimited(new Api(this.port, "203.0.113.70").connectingTo(peer)
			.post(issuePath(concert, this.boxOffice.fan(Points.ZERO)), null, null), 900);
		assertThat(this.redis.keys(this.prefix + "limit:issue-address:203.0.113.*"))
			.as("no bucket is kept under an address the header names")
			.isEmpty();
	}

	@Test
	void statusPollsAndStreamOpeningsOfOneTokenShareItsLimit() {
		Api api = new Api(this.port);
		ConcertId concert = concert(1);
		String token = api.token(concert, this.boxOffice.fan(Points.ZERO));
		String other = api.token(concert, this.boxOffice.fan(Points.ZERO));
		for (int i = 0; i < 3; i++) {
			assertThat(api.get("/api/v1/queue/concerts/" + concert, token).getStatusCode().value()).isEqualTo(200);
		}

		assertRateLimited(api.get("/api/v1/queue/concerts/" + concert, token), 1200);
		assertRateLimited(api.get("/api/v1/queue/concerts/" + concert + "/stream", token), 1200);
		assertThat(api.get("/api/v1/queue/concerts/" + concert, other).getStatusCode().value())
			.as("another token has its own limit")
			.isEqualTo(200);
		assertThat(this.redis.keys(this.prefix + "limit:status-token:*")).as("Redis holds no token as it is")
			.isNotEmpty()
			.noneMatch((key) -> key.contains(token) || key.contains(other));
	}

	@Test
	void aWebSocketChannelTakesFromItsTokensStatusLimit() throws Exception {
		Api api = new Api(this.port);
		ConcertId concert = concert(1);
		String token = api.token(concert, this.boxOffice.fan(Points.ZERO));
		Wire http = new Wire(this.port);
		Wire.Live first = http.openLive(concert).send(token);
		try {
			assertThat(first.next(5)).as("the channel took the first of the token's three").contains("\"status\":");
			for (int i = 0; i < 2; i++) {
				assertThat(api.get("/api/v1/queue/concerts/" + concert, token).getStatusCode().value()).isEqualTo(200);
			}

			Wire.Live refused = http.openLive(concert).send(token);
			assertThat(refused.closing(5)).isEqualTo(new Wire.Live.Close(1013, "RATE_LIMITED"));
			assertThat(refused.next(0)).isNull();
			assertThat(this.meters.get("concert.limits.streams.open").gauge().value())
				.as("a refused channel does not count")
				.isEqualTo(1);
		}
		finally {
			first.close();
		}
	}

	@Test
	void aHoldPastTheLimitIsRefusedBeforeItTouchesTheSeat() {
		Api api = new Api(this.port);
		ConcertId concert = concert(3);
		long date = this.concerts.dates(concert).getFirst().id().value();
		List<Long> seats = this.jdbc.queryForList("SELECT id FROM seat WHERE concert_date_id = ? ORDER BY id",
				Long.class, date);
		UserId user = this.boxOffice.fan(Points.ZERO);
		String token = api.token(concert, user);
		Map<String, Object> body = Map.of("concertId", concert.toString(), "concertDateId", date);
		for (int i = 0; i < 2; i++) {
			assertThat(api.post("/api/v1/reservations/seats/" + seats.get(i), token, body).getStatusCode().value())
				.isEqualTo(200);
		}

		assertRateLimited(api.post("/api/v1/reservations/seats/" + seats.get(2), token, body), 1800);
		assertThat(this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, seats.get(2)))
			.isEqualTo("AVAILABLE");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservation WHERE user_id = ?", Long.class,
				user.value()))
			.isEqualTo(2);
		assertThat(this.redis.hasKey(this.prefix + "seat-claim:" + seats.get(2))).isFalse();
	}

	@Test
	void chargesPastTheUserOrTheAddressLimitAreRefusedAndTheBalanceStays() {
		UserId user = this.boxOffice.fan(Points.ZERO);
		Api api = new Api(this.port, "192.0.2.1");
		for (int i = 0; i < 2; i++) {
			assertThat(api.post(chargePath(user), null, Map.of("amount", 100)).getStatusCode().value()).isEqualTo(200);
		}

		assertRateLimited(api.post(chargePath(user), null, Map.of("amount", 100)), 1800);
		assertThat(this.points.balance(user)).isEqualTo(Points.of(200));

		UserId second = this.boxOffice.fan(Points.ZERO);
		assertThat(api.post(chargePath(second), null, Map.of("amount", 5)).getStatusCode().value()).isEqualTo(200);
		assertRateLimited(api.post(chargePath(this.boxOffice.fan(Points.ZERO)), null, Map.of("amount", 5)), 1200);
		assertThat(this.points.balance(second)).isEqualTo(Points.of(5));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM point_ledger WHERE user_id IN (?, ?)", Long.class,
				user.value(), second.value()))
			.isEqualTo(3);
	}

	@Test
	void chargesRefusedForActingForAnotherUserSpendTheCallersBudgetNotTheirs() {
		UserId alice = this.boxOffice.fan(Points.ZERO);
		UserId bob = this.boxOffice.fan(Points.ZERO);
		Api asBob = new Api(this.port, "192.0.2.21").signedInWith(TestIssuer.tokenFor(bob.value()));
		for (int i = 0; i < 2; i++) {
			assertThat(asBob.post(chargePath(alice), null, Map.of("amount", 100)).getStatusCode().value())
				.isEqualTo(403);
		}
		for (int i = 0; i < 6; i++) {
			assertRateLimited(asBob.post(chargePath(alice), null, Map.of("amount", 100)), 1800);
		}

		Api asAlice = new Api(this.port, "192.0.2.22");
		for (int i = 0; i < 2; i++) {
			assertThat(asAlice.post(chargePath(alice), null, Map.of("amount", 100)).getStatusCode().value())
				.as("alice's own budget is whole")
				.isEqualTo(200);
		}
		assertRateLimited(asAlice.post(chargePath(alice), null, Map.of("amount", 100)), 1800);
		assertRateLimited(new Api(this.port, "192.0.2.23").post(chargePath(bob), null, Map.of("amount", 100)), 1800);
		assertThat(this.points.balance(alice)).isEqualTo(Points.of(200));
		assertThat(this.points.balance(bob)).isEqualTo(Points.ZERO);
	}

	@Test
	void joinsRefusedForAnotherUserSpendTheCallersBudgetNotTheirs() {
		ConcertId concert = concert(1);
		UserId alice = this.boxOffice.fan(Points.ZERO);
		UserId bob = this.boxOffice.fan(Points.ZERO);
		Api asBob = new Api(this.port, "192.0.2.31").signedInWith(TestIssuer.tokenFor(bob.value()));
		for (int i = 0; i < 3; i++) {
			assertThat(asBob.post(issuePath(concert, alice), null, null).getStatusCode().value()).isEqualTo(403);
		}
		for (int i = 0; i < 3; i++) {
			assertRateLimited(asBob.post(issuePath(concert, alice), null, null), 1200);
		}

		Api asAlice = new Api(this.port, "192.0.2.32");
		for (int i = 0; i < 3; i++) {
			assertThat(asAlice.post(issuePath(concert, alice), null, null).getStatusCode().value())
				.as("alice's own budget is whole")
				.isEqualTo(201);
		}
		assertRateLimited(asAlice.post(issuePath(concert, alice), null, null), 1200);
		assertRateLimited(new Api(this.port, "192.0.2.33").post(issuePath(concert, bob), null, null), 1200);
		assertThat(this.queue.size(concert).active() + this.queue.size(concert).waiting()).isOne();
	}

	@Test
	void browsingDatesSeatsAndTheSeatMapOfOneTokenShareItsLimit() {
		Api api = new Api(this.port);
		ConcertId concert = concert(2);
		long date = this.concerts.dates(concert).getFirst().id().value();
		String token = api.token(concert, this.boxOffice.fan(Points.ZERO));
		String other = api.token(concert, this.boxOffice.fan(Points.ZERO));
		String dates = "/api/v1/concerts/" + concert + "/dates";
		assertThat(api.get(dates, token).getStatusCode().value()).isEqualTo(200);
		assertThat(api.get(dates + "/" + date + "/seats", token).getStatusCode().value()).isEqualTo(200);
		assertThat(api.get(dates + "/" + date + "/seat-map", token).getStatusCode().value()).isEqualTo(200);

		assertRateLimited(api.get(dates + "/" + date + "/seat-map", token), 1200);
		assertRateLimited(api.get(dates, token), 1200);
		assertThat(api.get(dates + "/" + date + "/seat-map", other).getStatusCode().value())
			.as("another token has its own limit")
			.isEqualTo(200);
		assertThat(this.redis.keys(this.prefix + "limit:browse-token:*")).as("Redis holds no token as it is")
			.isNotEmpty()
			.noneMatch((key) -> key.contains(token) || key.contains(other));
	}

	@Test
	void malformedIdsAndMissingTokensAreLeftToTheEndpointsToRefuse() {
		Api api = new Api(this.port);
		ConcertId concert = concert(1);
		for (int i = 0; i < 5; i++) {
			assertThat(api
				.post("/api/v1/queue/concerts/" + concert + "/users/not-a-user", TestIssuer.tokenFor(UUID.randomUUID()),
						null)
				.getStatusCode()
				.value()).isEqualTo(400);
			assertThat(api.get("/api/v1/queue/concerts/" + concert, null).getStatusCode().value()).isEqualTo(401);
		}
	}

	static void assertRateLimited(ResponseEntity<JsonNode> response, long retryAfterAtMost) {
		assertThat(response.getStatusCode().value()).isEqualTo(429);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getBody().get("code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(response.getBody().get("status").asInt()).isEqualTo(429);
		assertThat(Long.parseLong(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L,
				retryAfterAtMost);
	}

	/**
	 * An address of this machine other than loopback, a private one (RFC 1918, IPv6 ULA)
	 * if it has one, as a URL's host: Tomcat's own default would believe forwarded
	 * addresses from those.
	 */
	private static String otherLocalAddress() throws SocketException {
		List<InetAddress> addresses = NetworkInterface.networkInterfaces()
			.filter(RateLimitsIntegrationTests::isUp)
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> !address.isLoopbackAddress() && !address.isLinkLocalAddress())
			.sorted(Comparator.comparing((InetAddress address) -> !isPrivate(address)))
			.toList();
		assumeThat(addresses).as("this machine has an address besides loopback").isNotEmpty();
		InetAddress address = addresses.getFirst();
		return (address instanceof Inet6Address) ? "[" + address.getHostAddress().replaceFirst("%.*$", "") + "]"
				: address.getHostAddress();
	}

	private static boolean isPrivate(InetAddress address) {
		return address.isSiteLocalAddress()
				|| (address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc);
	}

	private static boolean isUp(NetworkInterface network) {
		try {
			return network.isUp();
		}
		catch (SocketException ex) {
			return false;
		}
	}

	private ConcertId concert(int seats) {
		return this.boxOffice.concert("Limits", seats, Points.of(10));
	}

	private static String issuePath(ConcertId concert, UserId user) {
		return "/api/v1/queue/concerts/" + concert + "/users/" + user;
	}

	private static String chargePath(UserId user) {
		return "/api/v1/users/" + user + "/points/charge";
	}

}
