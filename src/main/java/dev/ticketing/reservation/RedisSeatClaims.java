package dev.ticketing.reservation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ticketing.concert.SeatId;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Seat claims in Redis, shared by every instance: one key per claimed seat holding the
 * reservation and the claim's end ({@code reservation/claims.lua}). When Redis fails, a
 * claim is {@link Claim#UNKNOWN} and extending or releasing is skipped: the claim then
 * runs out by itself.
 */
class RedisSeatClaims implements SeatClaims {

	private static final Logger log = LoggerFactory.getLogger(RedisSeatClaims.class);

	private static final RedisScript<Long> SCRIPT = RedisScript.of(source(), Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	RedisSeatClaims(StringRedisTemplate redis, String prefix) {
		this.redis = redis;
		this.prefix = prefix;
	}

	@Override
	public Claim claim(SeatId seat, ReservationId reservation, Instant now, Instant until) {
		try {
			Long won = run("claim", seat, reservation, now, until);
			return (won != null && won == 1) ? Claim.WON : Claim.TAKEN;
		}
		catch (DataAccessException ex) {
			log.debug("Seat claim store unavailable, the database decides alone", ex);
			return Claim.UNKNOWN;
		}
	}

	@Override
	public void extend(SeatId seat, ReservationId reservation, Instant now, Instant until) {
		quietly("extend", seat, reservation, now, until);
	}

	@Override
	public void release(SeatId seat, ReservationId reservation) {
		quietly("release", seat, reservation, Instant.EPOCH, Instant.EPOCH);
	}

	private void quietly(String op, SeatId seat, ReservationId reservation, Instant now, Instant until) {
		try {
			run(op, seat, reservation, now, until);
		}
		catch (DataAccessException ex) {
			log.debug("Seat claim {} skipped, the claim runs out by itself: {}", op, ex.getMessage());
		}
	}

	private Long run(String op, SeatId seat, ReservationId reservation, Instant now, Instant until) {
		return this.redis.execute(SCRIPT, List.of(this.prefix + "seat-claim:" + seat.value()), op,
				reservation.toString(), Long.toString(now.toEpochMilli()), Long.toString(until.toEpochMilli()));
	}

	private static String source() {
		try {
			return new ClassPathResource("reservation/claims.lua").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
