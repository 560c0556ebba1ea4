package dev.ticketing.challenge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.RedisKeys;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The solutions already used, remembered in Redis until their challenge has expired (a
 * SET NX per solution: the first use wins on every instance), and the joins each concert
 * had per second, which set the next challenges' cost. If Redis cannot answer, a solution
 * cannot be known to be unused: the join is refused with 503, never let through
 * unchecked.
 */
@Component
class SpentSolutions {

	private static final RedisScript<Long> SPEND = RedisScript.of(new ClassPathResource("challenge/spend.lua"),
			Long.class);

	/**
	 * A marker outlives its challenge's expiry by this much, for instances whose clocks
	 * run behind.
	 */
	static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

	private static final long COUNTER_SECONDS = 10;

	private final StringRedisTemplate redis;

	private final String prefix;

	SpentSolutions(StringRedisTemplate redis, RedisKeys keys) {
		this.redis = redis;
		this.prefix = keys.keyPrefix();
	}

	/**
	 * Spends {@code signature}'s solution and counts the join in {@code now}'s second.
	 * @return false if it had been spent already
	 * @throws ProblemException 503 if Redis cannot answer
	 */
	boolean spend(ConcertId concert, String signature, Instant expires, Instant now) {
		long keepMillis = Math.max(1, Duration.between(now, expires).plus(CLOCK_SLACK).toMillis());
		try {
			Long spent = this.redis.execute(SPEND,
					List.of(key(concert, "used:" + signature), key(concert, "joins:" + now.getEpochSecond())),
					Long.toString(keepMillis), Long.toString(COUNTER_SECONDS));
			return spent != null && spent == 1L;
		}
		catch (DataAccessException ex) {
			throw ProblemException.storeUnavailable();
		}
	}

	/**
	 * The joins {@code concert} had in the second before {@code now}'s; 0 if Redis cannot
	 * say (a challenge then costs what it costs while the line is calm, and its use will
	 * wait for Redis anyway).
	 */
	long joinsInSecondBefore(ConcertId concert, Instant now) {
		try {
			String joins = this.redis.opsForValue().get(key(concert, "joins:" + (now.getEpochSecond() - 1)));
			return (joins != null) ? Long.parseLong(joins) : 0;
		}
		catch (DataAccessException ex) {
			return 0;
		}
	}

	private String key(ConcertId concert, String part) {
		return this.prefix + "challenge:{" + concert + "}:" + part;
	}

}
