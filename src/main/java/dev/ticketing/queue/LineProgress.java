package dev.ticketing.queue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;

/**
 * One reading of a line's progress ({@code queue.lua}'s progress op, which documents the
 * fields), from which an instance tells a waiting user where they stand without asking
 * the store: the user's score follows from the entry in their token, the position from
 * the waiting users ahead of that score, the wait from the admission rate.
 * <p>
 * Positions among the first {@link #HEAD} waiting users are exact as of the reading;
 * behind them they are estimated from the histogram of waiting users per score bucket,
 * exact when nobody in the user's bucket (a stretch of 1,024 arrivals, or 1/4096 of the
 * pre-queue) has left, and never off by more than the bucket's count.
 *
 * @param at when the store was read
 * @param opensAt the sale's opening (ms): until then positions are unknown
 * @param passed every waiting score below it may be admitted or passed over: a token
 * there asks the store
 * @param gen the line's generation (the high part of every entry of this line)
 * @param salt what the pre-queue's bands are drawn from; null for a line begun without
 * @param admissionsPerSecond the measured admission rate
 * @param fifoFrom the first seq that joined after the opening; -1 if none yet
 * @param lastPre the last seq that joined the pre-queue; 0 if none
 * @param seq the last seq handed out
 * @param waiting how many wait
 * @param below waiting users per bucket, summed over the buckets before each bucket (one
 * more element than buckets)
 * @param head the first waiting scores, in order
 * @param gone seqs of the instance's callers that are no longer in line: the store
 * answers for them
 */
record LineProgress(Instant at, long opensAt, long passed, long gen, String salt, double admissionsPerSecond,
		long fifoFrom, long lastPre, long seq, long waiting, long[] below, long[] head, BitSet gone) {

	/** As the script's HEAD: this many scores at the front come exact. */
	static final int HEAD = 100;

	static final long SEQ_SPACE = 1L << 27;

	static final long BAND = 1L << 25;

	static final long PRE_WIDTH = 8192;

	static final long PRE_BUCKETS = BAND / PRE_WIDTH;

	static final long FIFO_WIDTH = 1024;

	/** The progress op's reply, with bulk strings as bytes. */
	static LineProgress of(List<?> reply, Instant at) {
		// Members and scores alternate; the scores are what tell positions.
		List<?> head = (List<?>) reply.get(11);
		long[] scores = new long[head.size() / 2];
		for (int i = 0; i < scores.length; i++) {
			scores[i] = number(head.get(2 * i + 1));
		}
		String salt = text(reply.get(4));
		String passed = text(reply.get(2));
		String fifoFrom = text(reply.get(6));
		String lastPre = text(reply.get(7));
		return new LineProgress(at, number(reply.get(1)), passed.isEmpty() ? Long.MIN_VALUE : number(passed),
				number(reply.get(3)), salt.isEmpty() ? null : salt, number(reply.get(5)) / 1000.0,
				fifoFrom.isEmpty() ? -1 : number(fifoFrom), lastPre.isEmpty() ? 0 : number(lastPre),
				number(reply.get(8)), number(reply.get(9)), below((byte[]) reply.get(10)), scores,
				RedisWaitingQueue.fromRedisOrder((byte[]) reply.get(13), number(reply.get(12))));
	}

	/**
	 * The waiting score of the user's entry {@code seq}, if this reading tells it: a
	 * later comer's from the seq, a pre-queue user's from the salt as the script draws
	 * it.
	 */
	OptionalLong score(long seq) {
		if (seq > this.lastPre) {
			return OptionalLong.of(BAND * SEQ_SPACE + seq);
		}
		if (this.salt != null && (this.fifoFrom < 0 || seq < this.fifoFrom)) {
			return OptionalLong.of(preBand(this.salt, seq) * SEQ_SPACE + seq);
		}
		// A sale put off after it opened mixed the bands: the store knows.
		return OptionalLong.empty();
	}

	/**
	 * The position of the waiting user at {@code score}; 0 if, as of this reading, the
	 * score is not in line at all. Behind the head: the last head score's position plus
	 * the waiting users estimated between the two, which is exact while nobody in the
	 * stretch of arrivals between them has left.
	 */
	long position(long score) {
		int found = Arrays.binarySearch(this.head, score);
		if (found >= 0) {
			return found + 1;
		}
		if (this.head.length < HEAD || score < this.head[this.head.length - 1]) {
			return 0;
		}
		return this.head.length + 1 + Math.round(between(this.head[this.head.length - 1], score));
	}

	/**
	 * Waiting users with a score between the last of the head and {@code score}: those of
	 * the head's last bucket above it (exact: every one below it is in the head), of the
	 * buckets between, and a share of {@code score}'s bucket below it, in proportion to
	 * the stretch of arrivals (or of pre-queue bands) the bucket spans.
	 */
	private double between(long last, long score) {
		int buckets = this.below.length - 1;
		long lastBucket = bucket(last);
		long bucket = bucket(score);
		long aboveLast = 0;
		if (lastBucket < buckets) {
			long inHead = Arrays.stream(this.head).filter((s) -> bucket(s) == lastBucket).count();
			aboveLast = Math.max(0, count((int) lastBucket) - inHead);
		}
		if (bucket == lastBucket) {
			double[] span = span(bucket);
			double from = place(last);
			return (span[1] - from > 1) ? aboveLast * (place(score) - from - 1) / (span[1] - from - 1) : 0;
		}
		if (bucket >= buckets) {
			return aboveLast + this.below[buckets] - this.below[(int) Math.min(lastBucket + 1, buckets)];
		}
		double[] span = span(bucket);
		double share = (span[1] > span[0]) ? (place(score) - span[0]) / (span[1] - span[0]) : 0;
		return aboveLast + this.below[(int) bucket] - this.below[(int) lastBucket + 1] + count((int) bucket) * share;
	}

	/** Where a score lies along its bucket: the band in the pre-queue, the seq after. */
	private static double place(long score) {
		long band = score / SEQ_SPACE;
		return (band < BAND) ? band + (score % SEQ_SPACE) / (double) SEQ_SPACE : score % SEQ_SPACE;
	}

	/** The places a bucket spans, as {from, to}: to the last seq handed out, at most. */
	private double[] span(long bucket) {
		if (bucket < PRE_BUCKETS) {
			return new double[] { bucket * PRE_WIDTH, (bucket + 1) * PRE_WIDTH };
		}
		long first = (bucket - PRE_BUCKETS) * FIFO_WIDTH;
		return new double[] { Math.max(first, this.fifoFrom), Math.min(first + FIFO_WIDTH, this.seq + 1) };
	}

	private long count(int bucket) {
		return this.below[bucket + 1] - this.below[bucket];
	}

	private static long bucket(long score) {
		long band = score / SEQ_SPACE;
		return (band < BAND) ? band / PRE_WIDTH : PRE_BUCKETS + (score % SEQ_SPACE) / FIFO_WIDTH;
	}

	/** The script's pre_band: 1 + the first 28 bits of SHA-1(salt:seq) mod (BAND - 1). */
	static long preBand(String salt, long seq) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-1")
				.digest((salt + ":" + seq).getBytes(StandardCharsets.UTF_8));
			long drawn = ((hash[0] & 0xFFL) << 20) | ((hash[1] & 0xFFL) << 12) | ((hash[2] & 0xFFL) << 4)
					| ((hash[3] & 0xFFL) >>> 4);
			return 1 + drawn % (BAND - 1);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-1", ex);
		}
	}

	/**
	 * The script's histogram (signed 32-bit counters, big-endian, one per bucket) as sums
	 * of the buckets before each; a counter below zero (a line begun before the
	 * histogram) counts as none.
	 */
	private static long[] below(byte[] histogram) {
		ByteBuffer counters = ByteBuffer.wrap(histogram);
		long[] below = new long[histogram.length / 4 + 1];
		for (int b = 0; b < below.length - 1; b++) {
			below[b + 1] = below[b] + Math.max(0, counters.getInt(4 * b));
		}
		return below;
	}

	private static String text(Object value) {
		return (value instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
	}

	private static long number(Object value) {
		if (value instanceof Number n) {
			return n.longValue();
		}
		String text = text(value);
		// Scores come as Redis prints doubles; integers below 2^53 print exactly.
		return (text.indexOf('.') >= 0 || text.indexOf('e') >= 0) ? (long) Double.parseDouble(text)
				: Long.parseLong(text);
	}

}
