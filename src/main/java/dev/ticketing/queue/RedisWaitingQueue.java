package dev.ticketing.queue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * The queue in Redis, shared by every instance: each call is one run of
 * {@code queue/queue.lua} (it documents the keys), so promotion is atomic and never
 * passes the cap however many instances run it at once. Issuing and status touch O(log N)
 * of a line of N; a waiting user costs one sorted-set entry (a 22-character member) plus
 * a bit per slice of the grace period and of the presence, a bit in the out bitmap and a
 * share of a histogram counter. A waiting user's poll costs no call of its own: the
 * instance's {@link WaitingRoom} calls {@link #progress} once per interval for all its
 * waiting users of a line.
 */
class RedisWaitingQueue implements WaitingQueue {

	@SuppressWarnings("rawtypes")
	/**
	 * The script's random bands of the pre-queue are below it (its {@code BAND}); later
	 * comers are all in it.
	 */
	private static final long BAND = 1L << 25;

	private static final RedisScript<List> SCRIPT = new DefaultRedisScript<>(source(), List.class);

	/** Bulk replies as bytes, for the progress op's bitmaps. */
	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static final RedisSerializer<List> BYTES = (RedisSerializer) RedisSerializer.byteArray();

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
		Standing standing = call("enter", concert, member(user), now, saleOpensAt, 0);
		if (standing.state() == QueueState.WAITING) {
			// The set spans concerts, so on Redis Cluster it lives in another slot than
			// the
			// line and the script cannot write it. Idempotent: every waiting entry adds
			// it.
			this.redis.opsForSet().add(registry(), concert.toString());
		}
		return standing;
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
				ConcertId id = ConcertId.of(concert);
				if ("EMPTY".equals(execute("refill", id, "", now, Instant.EPOCH, 0).get(0))) {
					forget(id);
				}
			}
		}
	}

	/**
	 * Takes a concert whose line was empty out of the registry. A user may have entered
	 * between the script's answer and the removal, after their own add: the line is
	 * looked at again, and a concert with someone waiting goes back.
	 */
	private void forget(ConcertId concert) {
		this.redis.opsForSet().remove(registry(), concert.toString());
		Long waiting = this.redis.opsForZSet().zCard(key(concert, "waiting"));
		if (waiting != null && waiting > 0) {
			this.redis.opsForSet().add(registry(), concert.toString());
		}
	}

	@Override
	public LineProgress progress(ConcertId concert, BitSet callers, Instant now) {
		int from = callers.isEmpty() ? 0 : callers.nextSetBit(0) / 8;
		byte[] marks = callers.isEmpty() ? new byte[0] : redisOrder(callers, from);
		Object[] arguments = binary(arguments("progress", concert, "", now, Instant.EPOCH, 0, "", ""));
		arguments[15] = marks;
		arguments[16] = Integer.toString(from).getBytes(StandardCharsets.US_ASCII);
		List<?> reply = this.redis.execute(SCRIPT, RedisSerializer.byteArray(), BYTES, keys(concert, now), arguments);
		return LineProgress.of(reply, now);
	}

	/**
	 * The bits of {@code seqs} from byte {@code from} on, as Redis numbers a bitmap's
	 * bits (the most significant bit of a byte first).
	 */
	static byte[] redisOrder(BitSet seqs, int from) {
		byte[] bytes = new byte[seqs.length() / 8 + 1 - from];
		for (int seq = seqs.nextSetBit(from * 8); seq >= 0; seq = seqs.nextSetBit(seq + 1)) {
			bytes[seq / 8 - from] |= (byte) (0x80 >>> (seq % 8));
		}
		return bytes;
	}

	/** The reverse of {@link #redisOrder}. */
	static BitSet fromRedisOrder(byte[] bytes, long from) {
		BitSet seqs = new BitSet();
		for (int i = 0; i < bytes.length; i++) {
			for (int bit = 0; bit < 8; bit++) {
				if ((bytes[i] & (0x80 >>> bit)) != 0) {
					seqs.set((int) ((from + i) * 8 + bit));
				}
			}
		}
		return seqs;
	}

	private static Object[] binary(String[] arguments) {
		Object[] bytes = new Object[arguments.length];
		for (int i = 0; i < arguments.length; i++) {
			bytes[i] = arguments[i].getBytes(StandardCharsets.UTF_8);
		}
		return bytes;
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
		return this.redis.execute(SCRIPT, keys(concert, now),
				(Object[]) arguments(op, concert, member, now, saleOpensAt, entry, argument, another));
	}

	/**
	 * ARGV of the script, as it documents them; 16 and 17 go last (progress's are bytes).
	 */
	private String[] arguments(String op, ConcertId concert, String member, Instant now, Instant saleOpensAt,
			long entry, String argument, String another) {
		LineLimits limits = this.limits.of(concert);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return new String[] { op, member, Long.toString(now.toEpochMilli()), Integer.toString(limits.maxActive()),
				Long.toString(this.settings.activeTtl().toMillis()),
				Long.toString(this.settings.idleTimeout().toMillis()),
				Long.toString(this.settings.waitingGrace().toMillis()), Double.toString(limits.admitPerSecond()),
				Long.toString(saleOpensAt.toEpochMilli()), Long.toString(random.nextLong(1, BAND)), concert.toString(),
				Integer.toString(this.settings.sweepBatch()), Long.toString(entry),
				Long.toString(this.settings.idleWhileWaiting().toMillis()), Integer.toString(minActive()), argument,
				another, Long.toString(this.settings.presence().toMillis()), Long.toString(random.nextLong()) };
	}

	/**
	 * Every key the script may touch for a call at {@code now}, as it documents them: the
	 * line's, then the bitmaps of the grace and presence slices it reads or marks, all
	 * with the concert's hash tag.
	 */
	List<String> keys(ConcertId concert, Instant now) {
		List<String> keys = new ArrayList<>(21);
		for (String part : List.of("waiting", "active", "admitted", "meta", "seq", "arrivals")) {
			keys.add(key(concert, part));
		}
		long at = now.toEpochMilli();
		long graceEpoch = at / Math.max(1, this.settings.waitingGrace().toMillis() / 4);
		for (long e = graceEpoch - 4; e <= graceEpoch + 1; e++) {
			keys.add(key(concert, "seen:" + e));
		}
		long presenceEpoch = at / Math.max(1, this.settings.presence().toMillis() / 2);
		for (long e = presenceEpoch - 2; e <= presenceEpoch + 1; e++) {
			keys.add(key(concert, "seen:p" + e));
		}
		for (String part : List.of("hist", "out", "marks", "dropped", "callers-out")) {
			keys.add(key(concert, part));
		}
		return keys;
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
