package dev.ticketing.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * Status streams open on this instance, event streams and WebSockets alike, counted per
 * queue token, per user, per client address and in all, each against a cap of its own
 * ({@code concert.queue.max-streams-*}). In all, a WebSocket counts as a fifth of an
 * event stream, as it holds about a fifth of the heap (docs/PERFORMANCE.md: about 17 KB
 * against 85): the instance's cap bounds the heap its streams take, whatever their mix,
 * and 4,000 event streams or 20,000 WebSockets fit the same. a stream holds a connection
 * (and a place in the visits) as long as it lasts, so one token, one user with many
 * tokens, one address with many users, or a crowd larger than the instance's connections
 * could otherwise take them all. A stream refused here is no loss: the page polls the
 * status instead.
 * <p>
 * Per instance on purpose, every cap: a stream is one connection to one instance and
 * costs that instance only, and a count shared through Redis would outlive an instance
 * that dies with streams open. So behind n instances a user or an address may keep up to
 * n times its cap open, at most its cap on each.
 */
final class OpenStreams {

	/** How many WebSockets hold the heap one event stream holds, about. */
	static final int WEB_SOCKETS_PER_EVENT_STREAM = 5;

	/** Which cap refused a stream. */
	enum Cap {

		TOKEN("this queue token"), USER("this user"), ADDRESS("this address"), INSTANCE("this server");

		private final String whose;

		Cap(String whose) {
			this.whose = whose;
		}

		String whose() {
			return this.whose;
		}

	}

	/**
	 * Whose a stream is.
	 *
	 * @param token the queue token
	 * @param user the token's user
	 * @param address the client address, null for one not capped (exempt)
	 * @param webSocket whether the stream is a WebSocket, else an event stream
	 */
	record Holder(String token, String user, String address, boolean webSocket) {
	}

	private final int perToken;

	private final int perUser;

	private final int perAddress;

	/** The instance's cap, in fifths of an event stream. */
	private final long perInstance;

	private final Map<String, Integer> tokens = new HashMap<>();

	private final Map<String, Integer> users = new HashMap<>();

	private final Map<String, Integer> addresses = new HashMap<>();

	/** What the open streams take of the instance's cap, in fifths of an event stream. */
	private long weight;

	private int open;

	/**
	 * Each cap is the most streams open at once; 0 for no cap. {@code perInstance} is
	 * counted in event streams, a WebSocket a fifth of one.
	 */
	OpenStreams(int perToken, int perUser, int perAddress, int perInstance) {
		this.perToken = perToken;
		this.perUser = perUser;
		this.perAddress = perAddress;
		this.perInstance = (long) perInstance * WEB_SOCKETS_PER_EVENT_STREAM;
	}

	/**
	 * Counts one more stream of {@code holder}, unless that would pass a cap.
	 * @return null if it counts, else the first cap it would pass
	 */
	synchronized Cap tryOpen(Holder holder) {
		if (this.perInstance > 0 && this.weight + weight(holder) > this.perInstance) {
			return Cap.INSTANCE;
		}
		if (full(this.tokens.getOrDefault(holder.token(), 0), this.perToken)) {
			return Cap.TOKEN;
		}
		if (full(this.users.getOrDefault(holder.user(), 0), this.perUser)) {
			return Cap.USER;
		}
		if (holder.address() != null && full(this.addresses.getOrDefault(holder.address(), 0), this.perAddress)) {
			return Cap.ADDRESS;
		}
		this.weight += weight(holder);
		this.open++;
		this.tokens.merge(holder.token(), 1, Integer::sum);
		this.users.merge(holder.user(), 1, Integer::sum);
		if (holder.address() != null) {
			this.addresses.merge(holder.address(), 1, Integer::sum);
		}
		return null;
	}

	/** One stream of {@code holder}, counted by {@link #tryOpen}, ended. */
	synchronized void closed(Holder holder) {
		this.weight -= weight(holder);
		this.open--;
		this.tokens.computeIfPresent(holder.token(), OpenStreams::lessOne);
		this.users.computeIfPresent(holder.user(), OpenStreams::lessOne);
		if (holder.address() != null) {
			this.addresses.computeIfPresent(holder.address(), OpenStreams::lessOne);
		}
	}

	/** The streams open now, both kinds. */
	synchronized int open() {
		return this.open;
	}

	/** What a stream takes of the instance's cap, in fifths of an event stream. */
	private static long weight(Holder holder) {
		return holder.webSocket() ? 1 : WEB_SOCKETS_PER_EVENT_STREAM;
	}

	private static boolean full(int open, int cap) {
		return cap > 0 && open >= cap;
	}

	private static Integer lessOne(String key, Integer count) {
		return (count <= 1) ? null : count - 1;
	}

}
