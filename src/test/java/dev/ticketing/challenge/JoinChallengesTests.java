package dev.ticketing.challenge;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.altcha.altcha.Altcha;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ConcertSale;
import dev.ticketing.common.KnownConcerts;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.RedisKeys;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.common.UserId;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.SharedRedis;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The join challenge against the real Redis: a solution counts once, only for the fan and
 * concert it was made for and only before it expires; whatever is missing, forged, reused
 * or late is refused with its own code; the cost follows the concert's joins per second;
 * and with Redis gone a join is refused with 503, never let through unchecked.
 */
class JoinChallengesTests {

	static final String PREFIX = SharedRedis.prefixFor(JoinChallengesTests.class);

	static final ChallengeProperties SETTINGS = new ChallengeProperties("", 5_000, 40_000, Duration.ofMinutes(5), 10);

	static final ChallengeKey KEY = ChallengeKey.forStartup("a test's hmac key of more than 32 characters", true, true);

	final ConcertId concert = new ConcertId(UUID.randomUUID());

	final ConcertId open = new ConcertId(UUID.randomUUID());

	final UserId fan = new UserId(UUID.randomUUID());

	final MutableClock clock = MutableClock.startingNow();

	/** The concert asks for a challenge; {@link #open} does not. */
	final KnownConcerts concerts = new KnownConcerts() {
		@Override
		public Optional<Instant> saleOpensAt(ConcertId id) {
			return sale(id).map(ConcertSale::opensAt);
		}

		@Override
		public Optional<ConcertSale> sale(ConcertId id) {
			if (!id.equals(JoinChallengesTests.this.concert) && !id.equals(JoinChallengesTests.this.open)) {
				return Optional.empty();
			}
			return Optional.of(new ConcertSale(Instant.EPOCH, SaleStatus.ON_SALE, null, null, null,
					id.equals(JoinChallengesTests.this.concert)));
		}
	};

	final JoinChallenges challenges = challenges(SharedRedis.template());

	@AfterAll
	static void removeKeys() {
		SharedRedis.removeKeys(PREFIX);
	}

	@Test
	void aSolutionLetsItsFanJoinOnce() {
		String solution = solve(this.challenges.challenge(this.concert, this.fan));

		assertThatNoException().isThrownBy(() -> this.challenges.check(this.concert, this.fan, solution));
		assertThat(refusal(this.concert, this.fan, solution).code()).isEqualTo("CHALLENGE_REUSED");
	}

	@Test
	void aLineWithoutTheChallengeAsksForNothing() {
		assertThatNoException().isThrownBy(() -> this.challenges.check(this.open, this.fan, null));
	}

	@Test
	void aJoinWithoutASolutionIsRefused() {
		ProblemException refused = refusal(this.concert, this.fan, null);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.code()).isEqualTo("CHALLENGE_REQUIRED");
	}

	@Test
	void aSolutionCountsOnlyForItsFanAndConcert() {
		String solution = solve(this.challenges.challenge(this.concert, this.fan));

		assertThat(refusal(this.concert, new UserId(UUID.randomUUID()), solution).code()).isEqualTo("CHALLENGE_FAILED");
		// Still unspent: the refusals changed nothing.
		assertThatNoException().isThrownBy(() -> this.challenges.check(this.concert, this.fan, solution));
	}

	@Test
	void aWrongNumberAForgedSignatureOrGarbageFails() {
		Altcha.Challenge challenge = this.challenges.challenge(this.concert, this.fan);
		Altcha.Solution found = solution(challenge);

		assertThat(refusal(this.concert, this.fan, payload(challenge, found.number + 1, challenge.signature)).code())
			.isEqualTo("CHALLENGE_FAILED");
		assertThat(refusal(this.concert, this.fan, payload(challenge, found.number, "00" + challenge.signature)).code())
			.isEqualTo("CHALLENGE_FAILED");
		assertThat(refusal(this.concert, this.fan, "not base64 at all!").code()).isEqualTo("CHALLENGE_FAILED");
		assertThat(refusal(this.concert, this.fan, encode("{\"number\":1}")).code()).isEqualTo("CHALLENGE_FAILED");
	}

	@Test
	void aChallengeOfAnotherKeyFails() {
		JoinChallenges elsewhere = new JoinChallenges(this.concerts,
				new SpentSolutions(SharedRedis.template(), new RedisKeys(PREFIX)), SETTINGS,
				ChallengeKey.forStartup("another service's key, also long enough", true, true), this.clock);
		String solution = solve(elsewhere.challenge(this.concert, this.fan));

		assertThat(refusal(this.concert, this.fan, solution).code()).isEqualTo("CHALLENGE_FAILED");
	}

	@Test
	void aSolutionExpiresWithItsChallenge() {
		String solution = solve(this.challenges.challenge(this.concert, this.fan));
		this.clock.advance(SETTINGS.expires().plusSeconds(1));

		assertThat(refusal(this.concert, this.fan, solution).code()).isEqualTo("CHALLENGE_EXPIRED");
	}

	@Test
	void theCostRisesWhileJoinsPerSecondRunAboveTheThresholdAndFallsAfter() {
		this.clock.set(this.clock.instant().plusSeconds(100));
		assertThat(this.challenges.challenge(this.concert, this.fan).maxnumber).isEqualTo(5_000);
		int joins = SETTINGS.busyJoinsPerSecond() * 3;
		for (int i = 0; i < joins; i++) {
			UserId someone = new UserId(UUID.randomUUID());
			this.challenges.check(this.concert, someone, solve(this.challenges.challenge(this.concert, someone)));
		}

		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.challenges.challenge(this.concert, this.fan).maxnumber).isEqualTo(15_000);
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.challenges.challenge(this.concert, this.fan).maxnumber).isEqualTo(5_000);
	}

	@Test
	void theCostNeverPassesTheHighest() {
		assertThat(SETTINGS.cost(1_000_000)).isEqualTo(SETTINGS.highestMaxNumber());
		assertThat(SETTINGS.cost(SETTINGS.busyJoinsPerSecond())).isEqualTo(SETTINGS.maxNumber());
	}

	@Test
	void withRedisGoneAJoinIsRefusedWith503NotLetThrough() throws Exception {
		String solution = solve(this.challenges.challenge(this.concert, this.fan));
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", unusedPort()));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			ProblemException refused = catchThrowableOfType(ProblemException.class,
					() -> challenges(new StringRedisTemplate(nowhere)).check(this.concert, this.fan, solution));

			assertThat(refused.status()).isEqualTo(503);
		}
		finally {
			nowhere.destroy();
		}
		// Unspent: once Redis answers again, the same solution still counts.
		assertThatNoException().isThrownBy(() -> this.challenges.check(this.concert, this.fan, solution));
	}

	@Test
	void theKeyIsRequiredWhereInstancesShareRedisAndNeverShown() {
		ChallengeKey.KeyRefused missing = catchThrowableOfType(ChallengeKey.KeyRefused.class,
				() -> ChallengeKey.forStartup("", true, true));
		ChallengeKey.KeyRefused weak = catchThrowableOfType(ChallengeKey.KeyRefused.class,
				() -> ChallengeKey.forStartup("short-secret", true, true));

		assertThat(missing.reason()).contains("concert.challenge.hmac-key (CONCERT_CHALLENGE_HMAC_KEY) is not set");
		assertThat(weak.getMessage()).contains("too short").doesNotContain("short-secret");
		assertThat(ChallengeKey.forStartup("", true, false).value()).hasSize(64);
		assertThat(KEY.toString()).doesNotContain(KEY.value());
	}

	private JoinChallenges challenges(StringRedisTemplate redis) {
		return new JoinChallenges(this.concerts, new SpentSolutions(redis, new RedisKeys(PREFIX)), SETTINGS, KEY,
				this.clock);
	}

	private ProblemException refusal(ConcertId concert, UserId fan, String solution) {
		return catchThrowableOfType(ProblemException.class, () -> this.challenges.check(concert, fan, solution));
	}

	static String solve(Altcha.Challenge challenge) {
		return payload(challenge, solution(challenge).number, challenge.signature);
	}

	static Altcha.Solution solution(Altcha.Challenge challenge) {
		try {
			return Altcha.solveChallenge(challenge.challenge, challenge.salt, Altcha.Algorithm.SHA256,
					challenge.maxnumber, 0);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String payload(Altcha.Challenge challenge, long number, String signature) {
		return encode("{\"algorithm\":\"" + challenge.algorithm + "\",\"challenge\":\"" + challenge.challenge
				+ "\",\"number\":" + number + ",\"salt\":\"" + challenge.salt + "\",\"signature\":\"" + signature
				+ "\"}");
	}

	private static String encode(String json) {
		return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	private static int unusedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
