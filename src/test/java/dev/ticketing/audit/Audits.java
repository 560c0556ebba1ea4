package dev.ticketing.audit;

import java.time.Clock;
import java.util.List;

import dev.ticketing.queue.QueueCensus;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

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

	/**
	 * Runs the audit on a running service's stores now, prints what it found and fails on
	 * any check that does not pass.
	 */
	public static void assertPasses(ApplicationContext service) {
		List<IntegrityAudit.Finding> findings = new IntegrityAudit(service.getBean(JdbcClient.class),
				service.getBean(QueueCensus.class), Clock.systemUTC())
			.run();
		AuditCommand.print(findings, System.out);
		assertThat(findings).allSatisfy((finding) -> assertThat(finding.passed()).as(finding.check()).isTrue());
	}

}
