package dev.ticketing.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.foreach;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.rampConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Two flash crowds at once, one a date each of the same concert, every fan wanting
 * {@code -Dtogether} seats (default 2): on the first date fans pick by hand, each try a
 * random seat of the free-seat list (as the seed clients do; of its first
 * {@code -DhotSeats} only, where given, as a crowd after the best seats does) until they
 * hold as many or give up after {@code -Dtries} tries (default 6); on the second the
 * service picks for them ({@code POST /api/v1/reservations/best-available}), asked again
 * after a refusal of the moment ({@code SEATS_CONTENDED}) and not after {@code SOLD_OUT}.
 * Everyone pays what they hold. What it compares is printed and in {@code summary.json}:
 * refused attempts (409) per seat sold, by hand and best available.
 */
public class BestAvailableComparison extends Simulation {

	private static final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

	private final LoadSettings settings = LoadSettings.fromSystemProperties();

	private final int together = Integer.getInteger("together", 2);

	private final int tries = Integer.getInteger("tries", 6);

	private final int hotSeats = Integer.getInteger("hotSeats", Integer.MAX_VALUE);

	private ServiceSampler sampler;

	public BestAvailableComparison() {
		SeedIds ids = SeedIds.read(this.settings.seedDir());
		BookingSteps steps = new BookingSteps(this.settings, ids.signIn());
		ScenarioBuilder byHand = scenario("by hand").feed(ids.feeder(ids.richUsers(0, 0.5)))
			.exec(steps.issueToken(), steps.waitForActive(), date(0), byHand(), fan("by hand"), pay("by hand"),
					steps.leave());
		ScenarioBuilder best = scenario("best available").feed(ids.feeder(ids.richUsers(0.5, 1)))
			.exec(steps.issueToken(), steps.waitForActive(), date(1), bestAvailable(), fan("best available"),
					pay("best available"), steps.leave());
		int half = Math.max(1, this.settings.users() / 2);
		setUp(byHand.injectClosed(rampConcurrentUsers(0).to(half).during(this.settings.ramp()),
				constantConcurrentUsers(half).during(this.settings.duration())),
				best.injectClosed(rampConcurrentUsers(0).to(half).during(this.settings.ramp()),
						constantConcurrentUsers(half).during(this.settings.duration())))
			.protocols(steps.protocol())
			.maxDuration(this.settings.maxDuration())
			// Every answer is one the fans expect (held, refused 409); none fails.
			.assertions(global().failedRequests().count().is(0L));
	}

	/** The concert's {@code index}-th date, in the order the dates list them. */
	private static ChainBuilder date(int index) {
		return exec(authorized(http("dates").get("/api/v1/concerts/#{concertId}/dates")).check(status().is(200))
			.check(jsonPath("$[" + index + "].concertDateId").saveAs("dateId"))
			.check(jsonPath("$.code").optional().saveAs("datesRefusal"))).exec((session) -> {
				if (session.contains("datesRefusal")) {
					count("dates refused: " + session.getString("datesRefusal"));
				}
				return session.set("held", new ArrayList<String>()).set("tries", 0).set("done", false);
			})
			// A fan whose turn was refused books nothing: counted as a failed request.
			.exitHereIfFailed();
	}

	/** A random free seat at a time, as a fan clicking on a stale list would. */
	private ChainBuilder byHand() {
		return asLongAs((session) -> !session.getBoolean("done") && held(session).size() < this.together
				&& session.getInt("tries") < this.tries)
			.on(exec((session) -> session.remove("seatIds"))
				.exec(authorized(http("by hand: seats").get("/api/v1/concerts/#{concertId}/dates/#{dateId}/seats"))
					.check(status().is(200))
					.check(jsonPath("$[*].seatId").findAll().optional().saveAs("seatIds")))
				.exec((session) -> {
					if (!session.contains("seatIds")) {
						count("by hand: found no free seat");
						return session.set("done", true);
					}
					List<Object> free = session.getList("seatIds");
					return session.set("seatId",
							free.get(ThreadLocalRandom.current().nextInt(Math.min(this.hotSeats, free.size()))));
				})
				.doIf((session) -> !session.getBoolean("done"))
				.then(exec((session) -> session.remove("reservationId").remove("code"))
					.exec(authorized(http("by hand: hold").post("/api/v1/reservations/seats/#{seatId}")
						.body(StringBody("{\"concertId\":\"#{concertId}\",\"concertDateId\":#{dateId}}")))
						.check(status().in(200, 409))
						.check(jsonPath("$.reservationId").optional().saveAs("reservationId"))
						.check(jsonPath("$.code").optional().saveAs("code")))
					.exec((session) -> attempted(session, "by hand"))));
	}

	/** The service picks all the fan's seats at once, side by side. */
	private ChainBuilder bestAvailable() {
		return asLongAs((session) -> !session.getBoolean("done") && held(session).isEmpty()
				&& session.getInt("tries") < this.tries)
			.on(exec((session) -> session.remove("reservationIds").remove("code"))
				.exec(authorized(http("best available").post("/api/v1/reservations/best-available")
					.body(StringBody("{\"concertId\":\"#{concertId}\",\"concertDateId\":#{dateId},\"count\":"
							+ this.together + ",\"section\":\"A\"}")))
					.check(status().in(200, 409))
					.check(jsonPath("$[*].reservationId").findAll().optional().saveAs("reservationIds"))
					.check(jsonPath("$.code").optional().saveAs("code")))
				.exec((session) -> {
					Session next = session.set("tries", session.getInt("tries") + 1);
					if (session.contains("reservationIds")) {
						List<String> ids = session.getList("reservationIds");
						held(next).addAll(ids);
						count("best available: attempts");
						counts("best available: seats held", ids.size());
						return next;
					}
					count("best available: attempts");
					count("best available: refused (409)");
					count("best available: refused " + session.getString("code"));
					return "SOLD_OUT".equals(session.getString("code")) ? next.set("done", true) : next;
				}));
	}

	private Session attempted(Session session, String mode) {
		Session next = session.set("tries", session.getInt("tries") + 1);
		count(mode + ": attempts");
		if (session.contains("reservationId")) {
			held(next).add(session.getString("reservationId"));
			count(mode + ": seats held");
		}
		else {
			count(mode + ": refused (409)");
			count(mode + ": refused " + session.getString("code"));
		}
		return next;
	}

	/** How the fan fared: every seat asked for, fewer (by hand, not together), none. */
	private ChainBuilder fan(String mode) {
		return exec((session) -> {
			int held = held(session).size();
			count(mode + ": fans " + ((held == this.together) ? "with all " + this.together + " seats"
					: (held > 0) ? "with fewer seats than asked" : "with no seat"));
			return session;
		});
	}

	/** Pays each hold; a rich fan's payment must go through. */
	private static ChainBuilder pay(String mode) {
		return foreach((session) -> held(session), "reservationId").on(exec(
				authorized(http(mode + ": payment").post("/api/v1/payments/#{reservationId}")).check(status().is(200)))
			.exec((session) -> {
				count(mode + ": seats sold");
				return session;
			}));
	}

	@SuppressWarnings("unchecked")
	private static List<String> held(Session session) {
		return (List<String>) (List<?>) session.getList("held");
	}

	private static io.gatling.javaapi.http.HttpRequestActionBuilder authorized(
			io.gatling.javaapi.http.HttpRequestActionBuilder request) {
		return request.header("Authorization", "Bearer #{token}");
	}

	private static void count(String name) {
		counts(name, 1);
	}

	private static void counts(String name, long n) {
		counts.computeIfAbsent(name, (k) -> new LongAdder()).add(n);
		for (long i = 0; i < n; i++) {
			RunSummary.outcome(name);
		}
	}

	@Override
	public void before() {
		this.sampler = ServiceSampler.start(this.settings);
	}

	@Override
	public void after() {
		this.sampler.stop();
		RunSummary.write(getClass().getSimpleName(), this.settings);
		Map<String, Long> seen = new TreeMap<>();
		counts.forEach((name, n) -> seen.put(name, n.sum()));
		seen.forEach((name, n) -> System.out.printf("BEST-AVAILABLE %s = %d%n", name, n));
		for (String mode : List.of("by hand", "best available")) {
			long refused = seen.getOrDefault(mode + ": refused (409)", 0L);
			long sold = seen.getOrDefault(mode + ": seats sold", 0L);
			System.out.printf("BEST-AVAILABLE %s: %d refused attempts, %d seats sold, %.3f refused per seat sold%n",
					mode, refused, sold, (sold > 0) ? (double) refused / sold : Double.NaN);
		}
		// A refusal because someone else was faster, while seats were still free (by hand
		// a
		// seat taken, best available every pick taken), apart from "nothing left" answers
		// (by hand an empty list, which costs no attempt; best available SOLD_OUT).
		long handLost = seen.getOrDefault("by hand: refused SEAT_UNAVAILABLE", 0L);
		long bestLost = seen.getOrDefault("best available: refused SEATS_CONTENDED", 0L);
		System.out.printf("BEST-AVAILABLE lost to a faster fan per seat sold: by hand %.3f, best available %.3f%n",
				ratio(handLost, seen.getOrDefault("by hand: seats sold", 0L)),
				ratio(bestLost, seen.getOrDefault("best available: seats sold", 0L)));
	}

	private static double ratio(long part, long whole) {
		return (whole > 0) ? (double) part / whole : Double.NaN;
	}

}
