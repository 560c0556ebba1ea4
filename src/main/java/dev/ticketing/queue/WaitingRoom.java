package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ticketing.common.ConcertId;

/**
 * This instance's memory of the lines its waiting users call about, so that a waiting
 * user's poll, and each visit of a status stream, costs the store nothing of its own.
 * Once per {@code concert.queue.progress-interval} ({@link #follow}) one call per busy
 * line writes the presence of every waiting user who called since the last one (one
 * bitmap) and reads the line's progress ({@link LineProgress}); polls in between are
 * answered from that reading.
 * <p>
 * A poll is answered from memory only for a token whose standing the reading tells for
 * sure: of this generation, with a score at or past where admission last looked (a lower
 * one may be admitted or passed over), not named gone by the store. Every other poll, and
 * every poll while the last reading is older than {@code progress-max-age} (Redis slow or
 * gone), asks the store as before, which admits, drops and answers 503 as it always did.
 * A line is read only while its waiting users call this instance at least once per
 * interval on average (over {@link #WINDOW} intervals): for a quieter line one read would
 * cost more than the polls it answers, so they ask the store.
 * <p>
 * What memory answers is at most an interval and the age of the reading old: a user the
 * line admitted, or dropped, learns it at the first poll after the next reading.
 */
final class WaitingRoom {

	private static final Logger log = LoggerFactory.getLogger(WaitingRoom.class);

	/** Intervals over which a line's calls are counted to tell whether it is busy. */
	static final int WINDOW = 10;

	private final WaitingQueue store;

	private final Duration maxAge;

	private final Duration grace;

	private final Map<ConcertId, Line> lines = new ConcurrentHashMap<>();

	/** A visit in progress: the next one due meanwhile is skipped. */
	private final AtomicBoolean following = new AtomicBoolean();

	WaitingRoom(WaitingQueue store, QueueProperties properties) {
		this.store = store;
		this.maxAge = properties.progressMaxAge();
		this.grace = properties.waitingGrace();
	}

	/**
	 * Where the token's bearer stands, from memory, counting as the bearer's call; null
	 * when only the store can tell.
	 */
	Standing standing(QueueToken token, Instant now) {
		Line line = this.lines.computeIfAbsent(token.concertId(), (concert) -> new Line(this.grace));
		line.calls.incrementAndGet();
		LineProgress progress = line.progress;
		if (progress == null || !line.busy || progress.at().plus(this.maxAge).isBefore(now)
				|| now.isBefore(progress.at())) {
			return null;
		}
		long entry = token.entry();
		long seq = entry % LineProgress.SEQ_SPACE;
		if (entry / LineProgress.SEQ_SPACE != progress.gen() || seq > progress.seq()
				|| line.askStore.getIfPresent(entry) != null) {
			return null;
		}
		OptionalLong score = progress.score(seq);
		if (score.isEmpty() || score.getAsLong() < progress.passed()) {
			return null;
		}
		long position = (now.toEpochMilli() < progress.opensAt()) ? Standing.UNKNOWN
				: progress.position(score.getAsLong());
		if (position == 0) {
			return null;
		}
		line.called(seq);
		return Standing.waiting(position, progress.admissionsPerSecond(), entry);
	}

	/** The token's entry left: only the store answers for it from now on. */
	void left(QueueToken token) {
		Line line = this.lines.get(token.concertId());
		if (line != null) {
			line.askStore.put(token.entry(), Boolean.TRUE);
		}
	}

	/**
	 * The timer's visit: every busy line (and any with presence still to write) is read
	 * once; a line nobody called about for {@link #WINDOW} intervals is forgotten. A
	 * failed call keeps its presence marks for the next.
	 */
	void follow(Instant now) {
		if (!this.following.compareAndSet(false, true)) {
			return;
		}
		try {
			this.lines.forEach((concert, line) -> follow(concert, line, now));
		}
		finally {
			this.following.set(false);
		}
	}

	private void follow(ConcertId concert, Line line, Instant now) {
		boolean busy = line.tick();
		BitSet callers = line.drain();
		if (!busy && callers.isEmpty()) {
			line.progress = null;
			if (line.quiet()) {
				this.lines.remove(concert, line);
			}
			return;
		}
		try {
			LineProgress progress = this.store.progress(concert, callers, now);
			progress.gone()
				.stream()
				.forEach((seq) -> line.askStore.put(progress.gen() * LineProgress.SEQ_SPACE + seq, Boolean.TRUE));
			line.progress = progress;
		}
		catch (RuntimeException ex) {
			line.restore(callers);
			log.warn("Could not read the progress of the line of {}, its polls ask the store: {}", concert,
					ex.toString());
		}

	}

	/** What the instance knows of one concert's line. */
	private static final class Line {

		final AtomicInteger calls = new AtomicInteger();

		/** Calls of each of the last {@link #WINDOW} intervals. */
		private final int[] window = new int[WINDOW];

		private int tick;

		volatile boolean busy;

		volatile LineProgress progress;

		/** Entries named gone (or left) that the store answers for. */
		final Cache<Long, Boolean> askStore;

		/** Seqs of waiting users answered from memory since the last visit. */
		private BitSet callers = new BitSet();

		Line(Duration grace) {
			this.askStore = Caffeine.newBuilder().expireAfterWrite(grace).maximumSize(1_000_000).build();
		}

		synchronized void called(long seq) {
			this.callers.set((int) seq);
		}

		synchronized BitSet drain() {
			BitSet drained = this.callers;
			this.callers = new BitSet();
			return drained;
		}

		synchronized void restore(BitSet callers) {
			this.callers.or(callers);
		}

		/** Closes an interval; whether the line is busy now. */
		boolean tick() {
			this.window[this.tick] = this.calls.getAndSet(0);
			this.tick = (this.tick + 1) % WINDOW;
			int sum = 0;
			for (int calls : this.window) {
				sum += calls;
			}
			this.busy = sum >= WINDOW;
			return this.busy;
		}

		boolean quiet() {
			for (int calls : this.window) {
				if (calls > 0) {
					return false;
				}
			}
			return true;
		}

	}

}
