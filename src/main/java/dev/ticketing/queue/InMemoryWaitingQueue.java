package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

/**
 * The queue in this process, for the embedded mode. One lock per concert makes every
 * operation atomic, as the Lua script does in Redis, and the rules are the script's.
 * Positions cost O(position): it is meant for one instance and demo-sized lines.
 */
class InMemoryWaitingQueue implements WaitingQueue {

	// The script's constants (queue.lua), which QueueScriptTests holds equal to these.

	/** Random bands of the pre-queue are below it; later comers are all in it. */
	static final long BAND = 1L << 25;

	/** Entries and scores are {@code band or generation * SEQ_SPACE + seq}. */
	static final long SEQ_SPACE = 1L << 27;

	/** Time constant of the admission rate's average. */
	static final double RATE_TAU_SECONDS = 60;

	/** Most waiting users one admission looks at. */
	static final int MAX_LOOKED = 1000;

	private final Map<ConcertId, Line> lines = new ConcurrentHashMap<>();

	private final QueueProperties settings;

	private final LineLimits.Source limits;

	InMemoryWaitingQueue(QueueProperties settings) {
		this(settings, LineLimits.Source.global(settings));
	}

	InMemoryWaitingQueue(QueueProperties settings, LineLimits.Source limits) {
		this.settings = settings;
		this.limits = limits;
	}

	@Override
	public Standing enter(ConcertId concert, UserId user, Instant saleOpensAt, Instant now) {
		Line line = this.lines.computeIfAbsent(concert, Line::new);
		synchronized (line) {
			line.opensAt = saleOpensAt;
			line.seenIfWaiting(user, null, now);
			line.housekeeping(now);
			Standing current = line.standing(user, null, now);
			if (current.state() != QueueState.EXPIRED) {
				return current;
			}
			long seq = ++line.seq;
			long band = now.isBefore(line.opensAt) ? ThreadLocalRandom.current().nextLong(1, BAND) : BAND;
			long score = band * SEQ_SPACE + seq;
			line.waiting.put(score, user);
			line.scoreOf.put(user, score);
			line.enteredAt.put(user, now);
			line.seen(user, score, now);
			line.housekeeping(now);
			return line.standing(user, null, now);
		}
	}

	@Override
	public Standing standing(ConcertId concert, UserId user, long entry, Instant now) {
		Line line = this.lines.get(concert);
		if (line == null) {
			return Standing.expired(0);
		}
		synchronized (line) {
			line.seenIfWaiting(user, entry, now);
			line.housekeeping(now);
			return line.standing(user, entry, now);
		}
	}

	@Override
	public Standing admit(ConcertId concert, UserId user, long entry, Instant now) {
		Line line = this.lines.get(concert);
		if (line == null) {
			return Standing.expired(0);
		}
		synchronized (line) {
			Instant until = line.activeUntil.get(user);
			if (until != null && until.isAfter(now)) {
				Admitted admitted = line.admitted.get(user);
				if (admitted.entry() != entry) {
					return Standing.expired(line.rate(now));
				}
				Instant extended = min(now.plus(this.settings.idleTimeout()),
						admitted.at().plus(this.settings.activeTtl()));
				line.activeUntil.put(user, extended);
				return Standing.active(extended, line.rate(now), entry);
			}
			line.seenIfWaiting(user, entry, now);
			line.housekeeping(now);
			return line.standing(user, entry, now);
		}
	}

	@Override
	public void leave(ConcertId concert, UserId user, long entry, Instant now) {
		Line line = this.lines.get(concert);
		if (line == null) {
			return;
		}
		synchronized (line) {
			Long current = line.currentEntry(user, now);
			if (current != null && current == entry) {
				line.remove(user);
			}
			line.housekeeping(now);
		}
	}

	@Override
	public void release(ConcertId concert, UserId user, Instant now) {
		Line line = this.lines.get(concert);
		if (line == null) {
			return;
		}
		synchronized (line) {
			// The admission ends; a place the user waits in again stays theirs.
			line.activeUntil.remove(user);
			line.admitted.remove(user);
			line.housekeeping(now);
		}
	}

	@Override
	public void refill(Instant now) {
		for (Line line : this.lines.values()) {
			synchronized (line) {
				if (line.waiting.isEmpty()) {
					// Nobody to admit or drop: as in Redis, run-out admissions go with
					// the
					// next call on the line, and reads already leave them out.
					continue;
				}
				line.housekeeping(now);
				line.lastSeen.keySet().removeIf((user) -> {
					if (line.alive(user, now)) {
						return false;
					}
					line.waiting.remove(line.scoreOf.remove(user));
					line.enteredAt.remove(user);
					return true;
				});
			}
		}
	}

	@Override
	public QueueSize size(ConcertId concert, Instant now) {
		Line line = this.lines.get(concert);
		if (line == null) {
			return QueueSize.empty(new Line(concert).cap());
		}
		synchronized (line) {
			long active = line.activeUntil.values().stream().filter((until) -> until.isAfter(now)).count();
			return new QueueSize(line.waiting.size(), active, line.admissions, line.waited, line.waitedMillis,
					line.cap());
		}
	}

	@Override
	public int adapt(ConcertId concert, String instance, Health report, Instant now) {
		Line line = this.lines.computeIfAbsent(concert, Line::new);
		synchronized (line) {
			line.reports.put(instance, new Reported(now, report));
			Duration interval = this.settings.adaptive().interval();
			if (now.isBefore(line.adaptedAt.plus(interval))) {
				return line.cap();
			}
			line.adaptedAt = now;
			line.reports.values().removeIf((r) -> r.at().isBefore(now.minus(interval.multipliedBy(2))));
			line.limit = AdaptiveLimit.next(line.limit, line.reports.values().stream().map(Reported::health).toList(),
					!line.waiting.isEmpty(), this.settings.minActive(), this.limits.of(concert).maxActive(),
					this.settings.adaptive());
			line.housekeeping(now);
			return line.cap();
		}
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	/** When an admitted user was admitted, and in which entry. */
	private record Admitted(Instant at, long entry) {

	}

	/** An instance's health report, and when it came. */
	private record Reported(Instant at, Health health) {

	}

	private final class Line {

		final ConcertId concert;

		Line(ConcertId concert) {
			this.concert = concert;
		}

		/**
		 * Entries are {@code generation * SEQ_SPACE + seq}: a line made anew (after a
		 * restart) numbers its entries apart from the one before.
		 */
		final long generation = ThreadLocalRandom.current().nextLong(1, BAND);

		Instant opensAt = Instant.EPOCH;

		long seq;

		final TreeMap<Long, UserId> waiting = new TreeMap<>();

		final Map<UserId, Long> scoreOf = new HashMap<>();

		final Map<UserId, Instant> lastSeen = new HashMap<>();

		final Map<UserId, Instant> activeUntil = new HashMap<>();

		final Map<UserId, Admitted> admitted = new HashMap<>();

		double rate;

		long admissions;

		long waited;

		long waitedMillis;

		final Map<UserId, Instant> enteredAt = new HashMap<>();

		Instant rateAt = Instant.EPOCH;

		double tokens = 1;

		/** The adaptive limit; it starts at min-active. */
		double limit = InMemoryWaitingQueue.this.settings.minActive();

		Instant adaptedAt = Instant.EPOCH;

		final Map<String, Reported> reports = new HashMap<>();

		Instant tokensAt;

		/**
		 * Every waiting score below this was away when the line last moved past it; the
		 * next admission looks from here, or from a returning user behind it.
		 */
		long passed = Long.MIN_VALUE;

		/** How many may be admitted at once: max-active, or the adaptive limit. */
		int cap() {
			QueueProperties settings = InMemoryWaitingQueue.this.settings;
			int maxActive = InMemoryWaitingQueue.this.limits.of(this.concert).maxActive();
			if (settings.admission() == QueueProperties.Mode.FIXED) {
				return maxActive;
			}
			return (int) Math.floor(AdaptiveLimit.clamp(this.limit, settings.minActive(), maxActive));
		}

		/** Where the user stands in entry {@code expected} (null: in whichever). */
		Standing standing(UserId user, Long expected, Instant now) {
			Instant until = this.activeUntil.get(user);
			if (until != null && until.isAfter(now)) {
				long entry = this.admitted.get(user).entry();
				if (expected != null && expected != entry) {
					return Standing.expired(rate(now));
				}
				return Standing.active(until, rate(now), entry);
			}
			Long score = this.scoreOf.get(user);
			if (score != null) {
				long entry = entryOf(score);
				if (expected != null && expected != entry) {
					// Polling with an earlier entry's token neither keeps this entry's
					// place nor drops it.
					return Standing.expired(rate(now));
				}
				if (alive(user, now)) {
					long position = now.isBefore(this.opensAt) ? Standing.UNKNOWN
							: this.waiting.headMap(score).size() + 1L;
					return Standing.waiting(position, rate(now), entry);
				}
				removeWaiting(user);
			}
			return Standing.expired(rate(now));
		}

		/**
		 * A call of the user in entry {@code expected} (null: whichever) counts as seen
		 * before the line moves, so the call that finds a slot free can admit them.
		 */
		void seenIfWaiting(UserId user, Long expected, Instant now) {
			Long score = this.scoreOf.get(user);
			if (score != null && (expected == null || expected == entryOf(score)) && alive(user, now)) {
				seen(user, score, now);
			}
		}

		/**
		 * The waiting user at {@code score} is seen now: still in line, here, and if the
		 * line had passed over them while away, the next admission looks from them on.
		 */
		void seen(UserId user, long score, Instant now) {
			this.lastSeen.put(user, now);
			if (score < this.passed) {
				this.passed = score;
			}
		}

		/** The user's current entry, admitted or else waiting; null if neither. */
		Long currentEntry(UserId user, Instant now) {
			Instant until = this.activeUntil.get(user);
			if (until != null && until.isAfter(now)) {
				return this.admitted.get(user).entry();
			}
			Long score = this.scoreOf.get(user);
			return (score != null) ? entryOf(score) : null;
		}

		long entryOf(long score) {
			return this.generation * SEQ_SPACE + score % SEQ_SPACE;
		}

		void remove(UserId user) {
			this.activeUntil.remove(user);
			this.admitted.remove(user);
			removeWaiting(user);
		}

		boolean alive(UserId user, Instant now) {
			Instant seen = this.lastSeen.get(user);
			return seen != null && seen.plus(InMemoryWaitingQueue.this.settings.waitingGrace()).isAfter(now);
		}

		/** Seen within the presence: a freed slot may go to them. */
		boolean here(UserId user, Instant now) {
			Instant seen = this.lastSeen.get(user);
			return seen != null && seen.plus(InMemoryWaitingQueue.this.settings.presence()).isAfter(now);
		}

		void removeWaiting(UserId user) {
			this.enteredAt.remove(user);
			Long score = this.scoreOf.remove(user);
			if (score != null) {
				this.waiting.remove(score);
			}
			this.lastSeen.remove(user);
		}

		double rate(Instant now) {
			double elapsed = Math.max(0, Duration.between(this.rateAt, now).toMillis() / 1000.0);
			return this.rate * Math.exp(-elapsed / RATE_TAU_SECONDS);
		}

		void housekeeping(Instant now) {
			for (Iterator<Map.Entry<UserId, Instant>> it = this.activeUntil.entrySet().iterator(); it.hasNext();) {
				Map.Entry<UserId, Instant> entry = it.next();
				if (!entry.getValue().isAfter(now)) {
					this.admitted.remove(entry.getKey());
					it.remove();
				}
			}
			if (now.isBefore(this.opensAt)) {
				return;
			}
			QueueProperties settings = InMemoryWaitingQueue.this.settings;
			if (settings.idleWhileWaiting().compareTo(settings.idleTimeout()) < 0 && !this.waiting.isEmpty()) {
				// Users wait: an admission with no booking call for the shorter timeout
				// gives its slot up, unless the active ttl capped it (then it runs to the
				// ttl).
				Instant cutoff = now.plus(settings.idleTimeout()).minus(settings.idleWhileWaiting());
				for (Iterator<Map.Entry<UserId, Instant>> it = this.activeUntil.entrySet().iterator(); it.hasNext();) {
					Map.Entry<UserId, Instant> entry = it.next();
					Instant until = entry.getValue();
					if (!until.isAfter(cutoff)
							&& until.isBefore(this.admitted.get(entry.getKey()).at().plus(settings.activeTtl()))) {
						this.admitted.remove(entry.getKey());
						it.remove();
					}
				}
			}
			long free = cap() - this.activeUntil.size();
			double perSecond = InMemoryWaitingQueue.this.limits.of(this.concert).admitPerSecond();
			boolean limited = perSecond > 0 && free > 0;
			if (limited) {
				double elapsed = (this.tokensAt != null)
						? Math.max(0, Duration.between(this.tokensAt, now).toMillis()) / 1000.0 : 0;
				this.tokens = Math.min(Math.max(1, perSecond), this.tokens + elapsed * perSecond);
				this.tokensAt = now;
				free = Math.min(free, (long) Math.floor(this.tokens));
			}
			Instant until = now.plus(min(settings.idleTimeout(), settings.activeTtl()));
			int admitted = 0;
			int looked = 0;
			// A freed slot goes to the first waiting user who is here; those ahead who
			// are
			// away are passed over and keep their place.
			Iterator<Map.Entry<Long, UserId>> line = this.waiting.tailMap(this.passed, true).entrySet().iterator();
			while (free > 0 && looked < MAX_LOOKED && line.hasNext()) {
				Map.Entry<Long, UserId> next = line.next();
				UserId user = next.getValue();
				looked++;
				this.passed = next.getKey() + 1;
				if (here(user, now)) {
					line.remove();
					Instant entered = this.enteredAt.remove(user);
					this.scoreOf.remove(user);
					this.lastSeen.remove(user);
					this.activeUntil.put(user, until);
					this.admitted.put(user, new Admitted(now, entryOf(next.getKey())));
					if (entered != null) {
						this.waited++;
						this.waitedMillis += Math.max(0, Duration.between(entered, now).toMillis());
					}
					admitted++;
					free--;
				}
			}
			if (limited) {
				this.tokens -= admitted;
			}
			if (admitted > 0) {
				this.admissions += admitted;
				this.rate = rate(now) + admitted / RATE_TAU_SECONDS;
				this.rateAt = now;
			}
		}

	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
