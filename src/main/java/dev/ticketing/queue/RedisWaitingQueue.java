package dev.ticketing.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The queue in Redis, shared by every instance. Per concert: {@code waiting}, a sorted
 * set of users scored by arrival; {@code active}, a sorted set of admitted users scored
 * by admission expiry; {@code secrets}, a hash of each user's token secret. Every
 * operation is one Lua script, so promotion is atomic and never passes the cap however
 * many instances run it at once; each touches O(log N) of a line of N.
 */
class RedisWaitingQueue implements WaitingQueue {

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> ENTER = script("enter");

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> STANDING = script("standing");

	private static final RedisScript<Long> LEAVE = RedisScript.of(source("leave"), Long.class);

	private static final RedisScript<Long> REFILL = RedisScript.of(source("refill"), Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	private final String maxActive;

	private final String ttlMillis;

	RedisWaitingQueue(StringRedisTemplate redis, String prefix, int maxActive, Duration activeTtl) {
		this.redis = redis;
		this.prefix = prefix;
		this.maxActive = Integer.toString(maxActive);
		this.ttlMillis = Long.toString(activeTtl.toMillis());
	}

	@Override
	public String enter(ConcertId concert, UserId user, String newSecret, Instant now) {
		List<?> result = this.redis.execute(ENTER,
				List.of(key(concert, "waiting"), key(concert, "active"), key(concert, "secrets"), key(concert, "seq"),
						registry()),
				user.toString(), newSecret, millis(now), this.maxActive, this.ttlMillis, concert.toString());
		return (String) result.get(0);
	}

	@Override
	public Optional<Standing> standing(ConcertId concert, UserId user, String secret, Instant now) {
		List<?> result = this.redis.execute(STANDING,
				List.of(key(concert, "waiting"), key(concert, "active"), key(concert, "secrets")), user.toString(),
				secret, millis(now), this.maxActive, this.ttlMillis);
		return switch ((String) result.get(0)) {
			case "ACTIVE" -> Optional.of(Standing.active(Instant.ofEpochMilli(Long.parseLong((String) result.get(2)))));
			case "WAITING" -> Optional.of(Standing.waiting(Long.parseLong((String) result.get(1))));
			case "EXPIRED" -> Optional.of(Standing.expired());
			default -> Optional.empty();
		};
	}

	@Override
	public void leave(ConcertId concert, UserId user, Instant now) {
		this.redis.execute(LEAVE, List.of(key(concert, "waiting"), key(concert, "active")), user.toString(),
				millis(now), this.maxActive, this.ttlMillis);
	}

	@Override
	public void refill(Instant now) {
		Set<String> concerts = this.redis.opsForSet().members(registry());
		if (concerts == null) {
			return;
		}
		for (String concert : concerts) {
			ConcertId id = ConcertId.of(concert);
			this.redis.execute(REFILL, List.of(key(id, "waiting"), key(id, "active")), millis(now), this.maxActive,
					this.ttlMillis);
		}
	}

	@Override
	public long activeCount(ConcertId concert, Instant now) {
		Long count = this.redis.execute(REFILL, List.of(key(concert, "waiting"), key(concert, "active")), millis(now),
				this.maxActive, this.ttlMillis);
		return (count != null) ? count : 0;
	}

	private String key(ConcertId concert, String part) {
		// The hash tag keeps one concert's keys in one slot, as a script needs.
		return this.prefix + "queue:{" + concert + "}:" + part;
	}

	private String registry() {
		return this.prefix + "queue:concerts";
	}

	private static String millis(Instant instant) {
		return Long.toString(instant.toEpochMilli());
	}

	@SuppressWarnings("rawtypes")
	private static RedisScript<List> script(String name) {
		return new DefaultRedisScript<>(source(name), List.class);
	}

	private static String source(String name) {
		return read("queue/promote.lua") + "\n" + read("queue/" + name + ".lua");
	}

	private static String read(String path) {
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
