package dev.ticketing.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The queue in Redis, shared by every instance: each call is one run of
 * {@code queue/queue.lua} (it documents the keys), so promotion is atomic and never
 * passes the cap however many instances run it at once. Issuing and status touch O(log N)
 * of a line of N; a waiting user costs one sorted-set entry (a 22-character member) plus
 * a bit per slice of the grace period and of the presence.
 */
class RedisWaitingQueue implements WaitingQueue {

	@SuppressWarnings("rawtypes")
	/**
	 * The script's random bands of the pre-queue are below it (its {@code BAND}); later
	 * comers are all in it.
	 */
	private static final long BAND = 1L << 25;

	private static final RedisScript<List> SCRIPT = new DefaultRedisScript<>(source(), List.class);

	private final StringRedisTemplate redis;

	private final QueueProperties settings;

	private final QueueKeys keys;

	private final LineLimits.Source limits;

	RedisWaitingQueue(StringRedisTemplate redis, String keyPrefix, QueueProperties settings) {
		this(redis, keyPrefix, settings, LineLimits.Source.global(settings));
	}

	RedisWaitingQueue(StringRedisTemplate redis, String keyPrefix, QueueProperties settings, LineLimits.Source limits) {
		this.redis = redis;
		this.settings = settings;
		this.keys = new QueueKeys(keyPrefix);
		this.limits = limits;
	}

	@Override
	public Standing enter(ConcertId concert, UserId user, Instant saleOpensAt, Instant now) {
		return call("enter", concert, member(user), now, saleOpensAt, 0);
	}

	@Override
	public Standing standing(ConcertId concert, UserId user, long entry, Instant now) {
		return call("standing", concert, member(user), now, Instant.EPOCH, entry);
	}

	@Override
	public Standing admit(ConcertId concert, UserId user, long entry, Instant now) {
		return call("admit", concert, member(user), now, Instant.EPOCH, entry);
	}

	@Override
	public void leave(ConcertId concert, UserId user, long entry, Instant now) {
		call("leave", concert, member(user), now, Instant.EPOCH, entry);
	}

	@Override
	public void release(ConcertId concert, UserId user, Instant now) {
		call("release", concert, member(user), now, Instant.EPOCH, 0);
	}

	@Override
	public void refill(Instant now) {
		Set<String> concerts = this.redis.opsForSet().members(registry());
		if (concerts != null) {
			for (String concert : concerts) {
				call("refill", ConcertId.of(concert), "", now, Instant.EPOCH, 0);
			}
		}
	}

	@Override
	public QueueSize size(ConcertId concert, Instant now) {
		List<?> reply = execute("size", concert, "", now, Instant.EPOCH, 0);
		return new QueueSize(number(reply.get(1)), number(reply.get(2)), number(reply.get(3)), number(reply.get(4)),
				number(reply.get(5)), number(reply.get(6)));
	}

	private Standing call(String op, ConcertId concert, String member, Instant now, Instant saleOpensAt, long entry) {
		List<?> reply = execute(op, concert, member, now, saleOpensAt, entry);
		double rate = number(reply.get(3)) / 1000.0;
		long position = number(reply.get(1));
		return switch ((String) reply.get(0)) {
			case "ACTIVE" -> Standing.active(Instant.ofEpochMilli(number(reply.get(2))), rate, number(reply.get(4)));
			case "WAITING" -> Standing.waiting(position, rate, number(reply.get(4)));
			default -> new Standing(QueueState.EXPIRED, position, null, rate, 0);
		};
	}

	@Override
	public int adapt(ConcertId concert, String instance, Health report, Instant now) {
		List<?> reply = execute("report", concert, instance, now, Instant.EPOCH, 0, report.encoded(),
				Long.toString(this.settings.adaptive().interval().toMillis()));
		if (!"STEP".equals(reply.get(0))) {
			return (int) number(reply.get(1));
		}
		double limit = Double.parseDouble(reply.get(1).toString());
		boolean waiting = number(reply.get(2)) > 0;
		List<Health> reports = reply.subList(4, reply.size()).stream().map((r) -> Health.decode(r.toString())).toList();
		double next = AdaptiveLimit.next(limit, reports, waiting, this.settings.minActive(),
				this.limits.of(concert).maxActive(), this.settings.adaptive());
		return (int) number(
				execute("limit", concert, "", now, Instant.EPOCH, 0, Double.toString(next), reply.get(3).toString())
					.get(1));
	}

	private List<?> execute(String op, ConcertId concert, String member, Instant now, Instant saleOpensAt, long entry) {
		return execute(op, concert, member, now, saleOpensAt, entry, "", "");
	}

	private List<?> execute(String op, ConcertId concert, String member, Instant now, Instant saleOpensAt, long entry,
			String argument, String another) {
		LineLimits limits = this.limits.of(concert);
		return this.redis.execute(SCRIPT,
				List.of(key(concert, "waiting"), key(concert, "active"), key(concert, "admitted"), key(concert, "meta"),
						key(concert, "seq"), registry(), key(concert, "seen:"), key(concert, "arrivals")),
				op, member, Long.toString(now.toEpochMilli()), Integer.toString(limits.maxActive()),
				Long.toString(this.settings.activeTtl().toMillis()),
				Long.toString(this.settings.idleTimeout().toMillis()),
				Long.toString(this.settings.waitingGrace().toMillis()), Double.toString(limits.admitPerSecond()),
				Long.toString(saleOpensAt.toEpochMilli()), Long.toString(ThreadLocalRandom.current().nextLong(1, BAND)),
				concert.toString(), Integer.toString(this.settings.sweepBatch()), Long.toString(entry),
				Long.toString(this.settings.idleWhileWaiting().toMillis()), Integer.toString(minActive()), argument,
				another, Long.toString(this.settings.presence().toMillis()));
	}

	/** 0 for fixed admission: the script then admits up to max-active. */
	private int minActive() {
		return (this.settings.admission() == QueueProperties.Mode.ADAPTIVE) ? this.settings.minActive() : 0;
	}

	private static long number(Object value) {
		return (value instanceof Number n) ? n.longValue() : Long.parseLong(value.toString());
	}

	private String key(ConcertId concert, String part) {
		return this.keys.of(concert, part);
	}

	private String registry() {
		return this.keys.registry();
	}

	/**
	 * 22 characters instead of 36: a waiting user's entry is most of the queue's memory.
	 */
	static String member(UserId user) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(ByteBuffer.allocate(16)
				.putLong(user.value().getMostSignificantBits())
				.putLong(user.value().getLeastSignificantBits())
				.array());
	}

	private static String source() {
		try {
			return new ClassPathResource("queue/queue.lua").getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
