package dev.ticketing.queue;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

/**
 * The queue in this process, for the embedded mode: one lock per concert makes every
 * operation atomic, as the Lua scripts do in Redis. Positions cost O(position); it is
 * meant for one instance and demo-sized lines.
 */
class InMemoryWaitingQueue implements WaitingQueue {

	private final Map<ConcertId, Line> lines = new ConcurrentHashMap<>();

	private final int maxActive;

	private final Duration activeTtl;

	InMemoryWaitingQueue(int maxActive, Duration activeTtl) {
		this.maxActive = maxActive;
		this.activeTtl = activeTtl;
	}

	@Override
	public String enter(ConcertId concert, UserId user, String newSecret, Instant now) {
		Line line = this.lines.computeIfAbsent(concert, (c) -> new Line());
		synchronized (line) {
			String secret = line.secrets.computeIfAbsent(user, (u) -> newSecret);
			line.promote(now);
			if (!line.active.containsKey(user) && !line.seqOf.containsKey(user)) {
				long seq = ++line.seq;
				line.waiting.put(seq, user);
				line.seqOf.put(user, seq);
				line.promote(now);
			}
			return secret;
		}
	}

	@Override
	public Optional<Standing> standing(ConcertId concert, UserId user, String secret, Instant now) {
		Line line = this.lines.get(concert);
		if (line == null) {
			return Optional.empty();
		}
		synchronized (line) {
			String known = line.secrets.get(user);
			if (known == null || !MessageDigest.isEqual(known.getBytes(StandardCharsets.US_ASCII),
					secret.getBytes(StandardCharsets.US_ASCII))) {
				return Optional.empty();
			}
			line.promote(now);
			Instant until = line.active.get(user);
			if (until != null) {
				return Optional.of(Standing.active(until));
			}
			Long seq = line.seqOf.get(user);
			if (seq != null) {
				return Optional.of(Standing.waiting(line.waiting.headMap(seq).size() + 1L));
			}
			return Optional.of(Standing.expired());
		}
	}

	@Override
	public void leave(ConcertId concert, UserId user, Instant now) {
		Line line = this.lines.get(concert);
		if (line == null) {
			return;
		}
		synchronized (line) {
			line.active.remove(user);
			Long seq = line.seqOf.remove(user);
			if (seq != null) {
				line.waiting.remove(seq);
			}
			line.promote(now);
		}
	}

	@Override
	public void refill(Instant now) {
		for (Line line : this.lines.values()) {
			synchronized (line) {
				line.promote(now);
			}
		}
	}

	@Override
	public long activeCount(ConcertId concert, Instant now) {
		Line line = this.lines.get(concert);
		if (line == null) {
			return 0;
		}
		synchronized (line) {
			line.promote(now);
			return line.active.size();
		}
	}

	private final class Line {

		final Map<UserId, String> secrets = new HashMap<>();

		final TreeMap<Long, UserId> waiting = new TreeMap<>();

		final Map<UserId, Long> seqOf = new HashMap<>();

		final Map<UserId, Instant> active = new HashMap<>();

		long seq;

		void promote(Instant now) {
			for (Iterator<Instant> it = this.active.values().iterator(); it.hasNext();) {
				if (!it.next().isAfter(now)) {
					it.remove();
				}
			}
			Instant until = now.plus(InMemoryWaitingQueue.this.activeTtl);
			while (this.active.size() < InMemoryWaitingQueue.this.maxActive && !this.waiting.isEmpty()) {
				UserId next = this.waiting.pollFirstEntry().getValue();
				this.seqOf.remove(next);
				this.active.put(next, until);
			}
		}

	}

}
