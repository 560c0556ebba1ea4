package dev.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import dev.ticketing.concert.SeatId;
import dev.ticketing.support.Race;
import dev.ticketing.support.RedisUnderTest;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the {@link SeatClaims} must do, against the real Redis on 127.0.0.1 under a key
 * prefix of this class's own, plus what only a remote store can do: fail.
 */
class RedisSeatClaimsContractTests {

	static final String PREFIX = "test:claims:" + UUID.randomUUID() + ":";

	static final Duration RECHECK = Duration.ofMillis(500);

	static LettuceConnectionFactory connection;

	@BeforeAll
	static void connect(TestInfo test) {
		connection = RedisUnderTest.connect(test.getTestClass().orElseThrow());
	}

	@AfterAll
	static void disconnect() {
		StringRedisTemplate redis = new StringRedisTemplate(connection);
		Set<String> keys = redis.keys(PREFIX + "*");
		if (keys != null && !keys.isEmpty()) {
			redis.delete(keys);
		}
		connection.destroy();
	}

	SeatClaims claims() {
		return new RedisSeatClaims(new StringRedisTemplate(connection), PREFIX, RECHECK);
	}

	@Test
	void aClaimStoreThatCannotBeReachedAnswersUnknownInsteadOfFailing() {
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 1));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			SeatClaims claims = new RedisSeatClaims(new StringRedisTemplate(nowhere), PREFIX, RECHECK);
			Instant now = Instant.now();
			ReservationId reservation = ReservationId.random();
			assertThat(claims.claim(new SeatId(1), reservation, now, now.plusSeconds(10)))
				.isEqualTo(SeatClaims.Claim.UNKNOWN);
			claims.extend(new SeatId(1), reservation, now, now.plusSeconds(10));
			claims.release(new SeatId(1), reservation);
		}
		finally {
			nowhere.destroy();
		}
	}

	@Test
	void aSeatFoundTakenIsRefusedFromMemoryUntilTheRecheckIsDue() {
		SeatClaims here = claims();
		SeatClaims elsewhere = claims();
		ReservationId owner = ReservationId.random();
		Instant until = this.now.plusSeconds(60);
		assertThat(elsewhere.claim(this.seat, owner, this.now, until)).isEqualTo(SeatClaims.Claim.WON);
		assertThat(here.claim(this.seat, ReservationId.random(), this.now, until)).isEqualTo(SeatClaims.Claim.TAKEN);

		elsewhere.release(this.seat, owner);
		Instant beforeRecheck = this.now.plus(RECHECK).minusMillis(1);
		assertThat(here.claim(this.seat, ReservationId.random(), beforeRecheck, until))
			.as("released through another instance: this one still answers from what Redis told it")
			.isEqualTo(SeatClaims.Claim.TAKEN);
		assertThat(here.claim(this.seat, ReservationId.random(), this.now.plus(RECHECK), until))
			.as("once the recheck is due, Redis is asked again")
			.isEqualTo(SeatClaims.Claim.WON);
	}

	@Test
	void theOwnerOfAClaimFoundTakenStillWinsItAgain() {
		SeatClaims claims = claims();
		ReservationId owner = ReservationId.random();
		claims.claim(this.seat, owner, this.now, this.now.plusSeconds(60));
		claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(60));
		assertThat(claims.claim(this.seat, owner, this.now, this.now.plusSeconds(60))).isEqualTo(SeatClaims.Claim.WON);
	}

	@Test
	void withoutARecheckEveryClaimAsksRedis() {
		SeatClaims here = new RedisSeatClaims(new StringRedisTemplate(connection), PREFIX, Duration.ZERO);
		SeatClaims elsewhere = claims();
		ReservationId owner = ReservationId.random();
		elsewhere.claim(this.seat, owner, this.now, this.now.plusSeconds(60));
		assertThat(here.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(60)))
			.isEqualTo(SeatClaims.Claim.TAKEN);
		elsewhere.release(this.seat, owner);
		assertThat(here.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(60)))
			.isEqualTo(SeatClaims.Claim.WON);
	}

	final Instant now = Instant.parse("2026-05-01T10:00:00Z");

	final SeatId seat = new SeatId(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));

	@Test
	void theFirstClaimWinsAndOthersFindTheSeatTaken() {
		SeatClaims claims = claims();
		ReservationId first = ReservationId.random();
		assertThat(claims.claim(this.seat, first, this.now, this.now.plusSeconds(10))).isEqualTo(SeatClaims.Claim.WON);
		assertThat(claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.TAKEN);
		assertThat(claims.claim(this.seat, first, this.now, this.now.plusSeconds(10)))
			.as("claiming again is idempotent")
			.isEqualTo(SeatClaims.Claim.WON);
	}

	@Test
	void aClaimRunsOutAtItsEndByTheCallersClock() {
		SeatClaims claims = claims();
		claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10));
		Instant end = this.now.plusSeconds(10);
		assertThat(claims.claim(this.seat, ReservationId.random(), end.minusMillis(1), end.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.TAKEN);
		assertThat(claims.claim(this.seat, ReservationId.random(), end, end.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.WON);
	}

	@Test
	void onlyTheOwnerExtendsAClaim() {
		SeatClaims claims = claims();
		ReservationId owner = ReservationId.random();
		claims.claim(this.seat, owner, this.now, this.now.plusSeconds(10));
		claims.extend(this.seat, ReservationId.random(), this.now, this.now.plus(Duration.ofHours(1)));
		Instant later = this.now.plusSeconds(20);
		assertThat(claims.claim(this.seat, ReservationId.random(), later, later.plusSeconds(10)))
			.as("a stranger's extension changed nothing")
			.isEqualTo(SeatClaims.Claim.WON);

		SeatId other = new SeatId(this.seat.value() == 1 ? 2 : this.seat.value() - 1);
		claims.claim(other, owner, this.now, this.now.plusSeconds(10));
		claims.extend(other, owner, this.now, this.now.plus(Duration.ofMinutes(5)));
		assertThat(claims.claim(other, ReservationId.random(), later, later.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.TAKEN);
	}

	@Test
	void onlyTheOwnerReleasesAClaim() {
		SeatClaims claims = claims();
		ReservationId owner = ReservationId.random();
		claims.claim(this.seat, owner, this.now, this.now.plusSeconds(10));
		claims.release(this.seat, ReservationId.random());
		assertThat(claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.TAKEN);
		claims.release(this.seat, owner);
		assertThat(claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10)))
			.isEqualTo(SeatClaims.Claim.WON);
	}

	@Test
	void fiveHundredConcurrentClaimsOnOneSeatHaveExactlyOneWinner() {
		SeatClaims claims = claims();
		List<SeatClaims.Claim> outcomes = Race
			.run(500, (i) -> claims.claim(this.seat, ReservationId.random(), this.now, this.now.plusSeconds(10)))
			.stream()
			.map(Race.Outcome::value)
			.toList();
		assertThat(outcomes).filteredOn((c) -> c == SeatClaims.Claim.WON).hasSize(1);
		assertThat(outcomes).filteredOn((c) -> c == SeatClaims.Claim.TAKEN).hasSize(499);
	}

}
