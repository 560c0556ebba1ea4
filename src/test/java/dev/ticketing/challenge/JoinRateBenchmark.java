package dev.ticketing.challenge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.altcha.altcha.Altcha;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast one client thread can take places in a line, without and with the join
 * challenge at the configured (calm) cost: a script farm's rate per core. Each join is a
 * new fan; with the challenge, each also fetches a challenge and solves it with ALTCHA's
 * own Java solver (SHA-256 from the JDK, as fast as a script would be). The service runs
 * in this JVM against the real PostgreSQL and Redis. A benchmark, not a test: it prints
 * figures and asserts nothing about time. Run with
 * {@code ./mvnw test -Pbenchmark -Dtest=JoinRateBenchmark}.
 */
@Tag("benchmark")
@IntegrationTest
class JoinRateBenchmark {

	static final int JOINS_WITHOUT = 2_000;

	static final int JOINS_WITH = 200;

	static final int SOLVES = 200;

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Value("${concert.challenge.max-number}")
	long maxNumber;

	@Test
	void joinsPerSecondOfOneClientThread() throws Exception {
		Api api = new Api(this.port);
		List<UserId> fans = new ArrayList<>();
		for (int i = 0; i < JOINS_WITHOUT + JOINS_WITH; i++) {
			fans.add(new UserId(UUID.randomUUID()));
		}
		ConcertId open = this.boxOffice.concert("Open", 1, Points.of(100));
		ConcertId challenged = this.boxOffice.concert("Challenged", 1, Points.of(100));
		api.patch("/api/v1/organiser/concerts/" + challenged, ORGANISER, Map.of("joinChallenge", true));
		// Warm both paths up, so neither pays for the JIT in its figure.
		for (int i = 0; i < 50; i++) {
			api.joinLine(open, new UserId(UUID.randomUUID()), null);
			UserId fan = new UserId(UUID.randomUUID());
			api.joinLine(challenged, fan, solved(api, challenged, fan));
		}

		long started = System.nanoTime();
		for (int i = 0; i < JOINS_WITHOUT; i++) {
			assertThat(api.joinLine(open, fans.get(i), null).getStatusCode().value()).isEqualTo(201);
		}
		double without = JOINS_WITHOUT / seconds(started);

		started = System.nanoTime();
		long solving = 0;
		for (int i = JOINS_WITHOUT; i < JOINS_WITHOUT + JOINS_WITH; i++) {
			UserId fan = fans.get(i);
			Altcha.Challenge challenge = ChallengeFetch.fetch(api, challenged, fan);
			long solveStarted = System.nanoTime();
			String solution = JoinChallengesTests.solve(challenge);
			solving += System.nanoTime() - solveStarted;
			assertThat(api.joinLine(challenged, fan, solution).getStatusCode().value()).isEqualTo(201);
		}
		double with = JOINS_WITH / seconds(started);

		Altcha.Challenge sample = ChallengeFetch.fetch(api, challenged, new UserId(UUID.randomUUID()));
		started = System.nanoTime();
		long hashes = 0;
		for (int i = 0; i < SOLVES; i++) {
			hashes += JoinChallengesTests.solution(sample).number + 1;
		}
		double hashRate = hashes / seconds(started);

		System.out.printf("%nJOIN RATE OF ONE CLIENT THREAD (%d processors, max-number %,d)%n",
				Runtime.getRuntime().availableProcessors(), this.maxNumber);
		System.out.printf("  without the challenge: %,8.0f joins/s (%,d joins)%n", without, JOINS_WITHOUT);
		System.out.printf("  with the challenge:    %,8.1f joins/s (%,d joins; %.1f ms a solve on average)%n", with,
				JOINS_WITH, solving / 1e6 / JOINS_WITH);
		System.out.printf("  solver alone:          %,8.0f SHA-256/s on one thread (%d solves of one challenge)%n",
				hashRate, SOLVES);
	}

	private static String solved(Api api, ConcertId concert, UserId fan) {
		return JoinChallengesTests.solve(ChallengeFetch.fetch(api, concert, fan));
	}

	private static double seconds(long startedNanos) {
		return (System.nanoTime() - startedNanos) / 1e9;
	}

	/** A challenge as the API hands it out. */
	static final class ChallengeFetch {

		static Altcha.Challenge fetch(Api api, ConcertId concert, UserId fan) {
			JsonNode body = api.get("/api/v1/queue/concerts/" + concert + "/users/" + fan + "/challenge", null)
				.getBody();
			Altcha.Challenge challenge = new Altcha.Challenge();
			challenge.algorithm = body.get("algorithm").asString();
			challenge.challenge = body.get("challenge").asString();
			challenge.maxnumber = body.get("maxnumber").asLong();
			challenge.salt = body.get("salt").asString();
			challenge.signature = body.get("signature").asString();
			return challenge;
		}

	}

}
