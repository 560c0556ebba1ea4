package dev.ticketing.audit;

import java.time.Clock;
import java.util.List;

import dev.ticketing.queue.QueueCensus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The integrity audit for tests of other modules: which of its checks fail on the state
 * they left behind.
 */
public final class Audits {

	private Audits() {
	}

	/** The names of the audit's checks that fail at {@code clock}'s now. */
	public static List<String> failedChecks(JdbcClient jdbc, QueueCensus census, Clock clock) {
		return new IntegrityAudit(jdbc, census, clock).run()
			.stream()
			.filter((finding) -> !finding.passed())
			.map((finding) -> finding.check() + ": " + finding.detail())
			.toList();
	}

}
