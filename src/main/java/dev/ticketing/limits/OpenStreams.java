package dev.ticketing.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Status streams open on this instance, per queue token. Per instance on purpose: a
 * stream is one connection to one instance and costs that instance only, and a count
 * shared through Redis would outlive an instance that dies with streams open.
 */
final class OpenStreams {

	private final int max;

	private final Map<String, Integer> open = new ConcurrentHashMap<>();

	/**
	 * @param max most streams per token; 0 for no limit
	 */
	OpenStreams(int max) {
		this.max = max;
	}

	/** Counts one more stream of the token, unless it has the most already. */
	boolean tryOpen(String token) {
		if (this.max == 0) {
			return true;
		}
		boolean[] opened = { false };
		this.open.compute(token, (t, count) -> {
			int current = (count != null) ? count : 0;
			if (current >= this.max) {
				return count;
			}
			opened[0] = true;
			return current + 1;
		});
		return opened[0];
	}

	void closed(String token) {
		if (this.max == 0) {
			return;
		}
		this.open.computeIfPresent(token, (t, count) -> (count <= 1) ? null : count - 1);
	}

	int count(String token) {
		return this.open.getOrDefault(token, 0);
	}

	int max() {
		return this.max;
	}

}
