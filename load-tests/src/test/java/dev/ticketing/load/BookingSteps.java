package dev.ticketing.load;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * The seed clients' steps, each a request of its own name so each gets its own timing:
 * token issue, status poll (inside the "activation wait" group, which times the whole
 * wait), dates, seats, reserve, payment, leave. Expected business answers (409 seat
 * unavailable, 409 insufficient balance) pass their checks; anything else, 5xx above all,
 * fails them.
 */
final class BookingSteps {

	static final String TOKEN = "token issue";

	static final String ACTIVATION = "activation wait";

	static final String STATUS = "status poll";

	static final String DATES = "dates";

	static final String SEATS = "seats";

	static final String RESERVE = "reserve";

	static final String PAYMENT = "payment";

	static final String LEAVE = "leave";

	/** The requests whose latency the targets bound (leave is not a seed step). */
	static final List<String> TIMED_STEPS = List.of(TOKEN, STATUS, DATES, SEATS, RESERVE, PAYMENT);

	private final LoadSettings settings;

	/** Token issue carries the user's access token (the service's oidc mode). */
	private final boolean signIn;

	BookingSteps(LoadSettings settings, boolean signIn) {
		this.settings = settings;
		this.signIn = signIn;
	}

	HttpProtocolBuilder protocol() {
		// Like k6's VUs, the virtual users keep their connections from one iteration to
		// the next instead of opening a new one per user.
		return http.baseUrl(this.settings.baseUrl())
			.acceptHeader("application/json")
			.contentTypeHeader("application/json")
			.shareConnections();
	}

	ChainBuilder issueToken() {
		HttpRequestActionBuilder issue = http(TOKEN).post("/api/v1/queue/concerts/#{concertId}/users/#{userId}");
		if (this.signIn) {
			issue = issue.header("Authorization", "Bearer #{accessToken}");
		}
		return exec(expect(issue, TOKEN, 201).check(jsonPath("$.tokenId").saveAs("token")));
	}

	/**
	 * Polls the status until ACTIVE or out of patience. A user who gives up fails the
	 * "activation wait" group (Gatling counts it as KO there, not as a failed request)
	 * and leaves the queue.
	 */
	ChainBuilder waitForActive() {
		long patienceMs = this.settings.patience().toMillis();
		return exec((session) -> session.set("waitStarted", System.currentTimeMillis()).set("queueStatus", "UNKNOWN"))
			.group(ACTIVATION)
			.on(asLongAs((session) -> !active(session) && waited(session) < patienceMs)
				.on(exec(expect(authorized(http(STATUS).get("/api/v1/queue/concerts/#{concertId}")), STATUS, 200)
					.check(jsonPath("$.status").saveAs("queueStatus")))
					.doIf((session) -> !active(session) && waited(session) < patienceMs)
					.then(pause(this.settings.pollInterval())))
				.exec((session) -> {
					RunSummary.activation(active(session), waited(session));
					return active(session) ? session : session.markAsFailed();
				}))
			.doIf((session) -> !active(session))
			.then(exec(leave()).exitHere())
			// The group has recorded the outcome; the booking steps start afresh.
			.exec(Session::markAsSucceeded);
	}

	ChainBuilder pickDate() {
		return exec(expect(authorized(http(DATES).get("/api/v1/concerts/#{concertId}/dates")), DATES, 200)
			.check(jsonPath("$[?(@.availableSeats > 0)].concertDateId").findAll().optional().saveAs("dateIds")))
			.exec((session) -> session.contains("dateIds")
					? session.set("dateId", random(session.getList("dateIds"), Integer.MAX_VALUE)) : session);
	}

	/**
	 * Lists the date's free seats and picks one among the first {@code choices} (all of
	 * them for an ordinary user; a few for a flash crowd that wants the same seats).
	 */
	ChainBuilder pickSeat(int choices) {
		return doIf((session) -> session.contains("dateId"))
			.then(exec(expect(authorized(http(SEATS).get("/api/v1/concerts/#{concertId}/dates/#{dateId}/seats")), SEATS,
					200)
				.check(jsonPath("$[*].seatId").findAll().optional().saveAs("seatIds")))
				.exec((session) -> session.contains("seatIds")
						? session.set("seatId", random(session.getList("seatIds"), choices)) : session))
			.exec((session) -> {
				if (!session.contains("seatId")) {
					RunSummary.outcome("sold out before reserving");
				}
				return session;
			});
	}

	ChainBuilder reserve() {
		return doIf((session) -> session.contains("seatId")).then(exec(expect(
				authorized(http(RESERVE).post("/api/v1/reservations/seats/#{seatId}")
					.body(StringBody("{\"concertId\":\"#{concertId}\",\"concertDateId\":#{dateId}}"))),
				RESERVE, 200, 409)
			.check(jsonPath("$.reservationId").optional().saveAs("reservationId"))
			.checkIf((response, session) -> response.status().code() == 409)
			.then(jsonPath("$.code").is("SEAT_UNAVAILABLE"))).exec((session) -> {
				RunSummary.outcome(session.contains("reservationId") ? "seat held" : "seat unavailable (409)");
				return session;
			}));
	}

	/** Pays the held seat; a rich user must succeed. */
	ChainBuilder pay() {
		return doIf((session) -> session.contains("reservationId"))
			.then(exec(expect(authorized(http(PAYMENT).post("/api/v1/payments/#{reservationId}")), PAYMENT, 200)
				.check(jsonPath("$.paymentId").saveAs("paymentId"))).exec((session) -> {
					RunSummary.outcome(session.contains("paymentId") ? "paid" : "payment failed");
					return session;
				}));
	}

	/** Pays the held seat with too little balance: must be refused, changing nothing. */
	ChainBuilder payWithoutMoney() {
		return doIf((session) -> session.contains("reservationId"))
			.then(exec(expect(authorized(http(PAYMENT).post("/api/v1/payments/#{reservationId}")), PAYMENT, 409)
				.check(jsonPath("$.code").is("INSUFFICIENT_BALANCE").saveAs("paymentRefusal"))).exec((session) -> {
					RunSummary.outcome(session.contains("paymentRefusal") ? "refused: insufficient balance"
							: "unexpected payment answer");
					return session;
				}));
	}

	/**
	 * Gives the queue slot back. 404/405 pass: the explicit leave call is newer than the
	 * seed clients, and a paid user's slot is already free.
	 */
	ChainBuilder leave() {
		if (this.settings.neverLeave()) {
			// The seed's clients: a user who is done, or gave up, just goes away.
			return exec((session) -> session);
		}
		return exec(expect(authorized(http(LEAVE).delete("/api/v1/queue/concerts/#{concertId}")), LEAVE, 200, 204, 404,
				405));
	}

	ChainBuilder think() {
		return pause(this.settings.think());
	}

	private static HttpRequestActionBuilder authorized(HttpRequestActionBuilder request) {
		return request.header("Authorization", "Bearer #{token}");
	}

	/**
	 * Checks the status and records every response for the report. The recording rides on
	 * a conditional check whose condition is always false, the one hook of the DSL that
	 * sees each raw response.
	 */
	private static HttpRequestActionBuilder expect(HttpRequestActionBuilder request, String step, Integer... expected) {
		List<Integer> ok = List.of(expected);
		return request.check(status().in(expected)).checkIf((response, session) -> {
			int code = response.status().code();
			RunSummary.response(step, code, response.startTimestamp(), response.endTimestamp(), ok.contains(code));
			return false;
		}).then(status().exists());
	}

	private static boolean active(Session session) {
		return "ACTIVE".equals(session.getString("queueStatus"));
	}

	private static long waited(Session session) {
		return System.currentTimeMillis() - session.getLong("waitStarted");
	}

	private static Object random(List<Object> values, int among) {
		return values.get(ThreadLocalRandom.current().nextInt(Math.min(among, values.size())));
	}

}
