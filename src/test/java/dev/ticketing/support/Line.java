package dev.ticketing.support;

import dev.ticketing.common.ConcertId;
import dev.ticketing.queue.QueueService;
import dev.ticketing.queue.QueueSize;

/** What a concert's line holds, for tests that check a refused join took no place. */
public final class Line {

	private Line() {
	}

	/** Users waiting or admitted in the concert's line. */
	public static long places(QueueService queue, ConcertId concert) {
		QueueSize size = queue.size(concert);
		return size.waiting() + size.active();
	}

}
