package dev.ticketing.reservation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ticketing.common.LiveHold;
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
 * <p>
 * A refusal tells until when the seat is claimed, and this instance then turns further
 * attempts on it away from memory for up to {@code recheck}: in a flash sale nearly every
 * attempt is on a seat already taken, and each would otherwise cost a Redis round trip.
 * The price: a claim given up through another instance may still be refused here that
 * long (through this instance it is free at once), as a seat freed elsewhere may still be
 * missing from this instance's seat list for the browse cache's time.
 */
class RedisSeatClaims implements SeatClaims {

	private static final Logger log = LoggerFactory.getLogger(RedisSeatClaims.class);

	private static final RedisScript<String> SCRIPT = RedisScript.of(source(), String.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Duration recheck;

	/** Seats Redis last told this instance were claimed by another reservation. */
	private final Cache<SeatId, Taken> taken;

	RedisSeatClaims(StringRedisTemplate redis, String prefix, Duration recheck) {
		this.redis = redis;
		this.prefix = prefix;
		this.recheck = recheck;
		this.taken = Caffeine.newBuilder()
			.expireAfterWrite(recheck.isZero() ? Duration.ofMillis(1) : recheck)
			.maximumSize(200_000)
			.build();
	}

	@Override
	public Claim claim(SeatId seat, ReservationId reservation, Instant now, Instant until) {
		Taken known = this.taken.getIfPresent(seat);
		if (known != null && known.stillTakenFrom(reservation, now, this.recheck)) {
			return Claim.TAKEN;
		}
		try {
			String reply = run("claim", seat, reservation, now, until);
			if ("WON".equals(reply)) {
				return Claim.WON;
			}
			Taken claim = Taken.parse(reply, now);
			if (claim != null && !this.recheck.isZero()) {
				this.taken.put(seat, claim);
			}
			return Claim.TAKEN;
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
		this.taken.invalidate(seat);
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

	private String run(String op, SeatId seat, ReservationId reservation, Instant now, Instant until) {
		return this.redis.execute(SCRIPT, List.of(this.prefix + "seat-claim:" + seat.value()), op,
				reservation.toString(), Long.toString(now.toEpochMilli()), Long.toString(until.toEpochMilli()));
	}

	/**
	 * Redis said {@code at} that {@code owner}'s claim on the seat lasts until
	 * {@code until}.
	 */
	private record Taken(String owner, Instant at, Instant until) {

		/** The script's "<reservation>:<ends ms>", or null for anything else. */
		static Taken parse(String claim, Instant at) {
			int separator = (claim != null) ? claim.lastIndexOf(':') : -1;
			if (separator <= 0) {
				return null;
			}
			try {
				return new Taken(claim.substring(0, separator), at,
						Instant.ofEpochMilli(Long.parseLong(claim.substring(separator + 1))));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

		boolean stillTakenFrom(ReservationId reservation, Instant now, Duration recheck) {
			return LiveHold.isLive(this.until, now) && now.isBefore(this.at.plus(recheck)) && !now.isBefore(this.at)
					&& !this.owner.equals(reservation.toString());
		}

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
