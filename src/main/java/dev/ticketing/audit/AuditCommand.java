package dev.ticketing.audit;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;

import dev.ticketing.audit.IntegrityAudit.Finding;
import dev.ticketing.queue.QueueCensus;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar app.jar audit}: runs the {@link IntegrityAudit} against the configured
 * database and queue, prints a table of the checks and exits with 1 when any failed. Run
 * it with the same {@code concert.queue.*} settings (max-active, key prefix) as the
 * service it audits.
 */
@Component
@ConditionalOnProperty(name = "concert.command", havingValue = "audit")
class AuditCommand implements ApplicationRunner, ExitCodeGenerator {

	private final IntegrityAudit audit;

	private boolean failed;

	AuditCommand(JdbcClient jdbc, QueueCensus census, Clock clock) {
		this.audit = new IntegrityAudit(jdbc, census, clock);
	}

	@Override
	public void run(ApplicationArguments args) {
		List<Finding> findings = this.audit.run();
		print(findings, System.out);
		this.failed = findings.stream().anyMatch((f) -> !f.passed());
	}

	@Override
	public int getExitCode() {
		return this.failed ? 1 : 0;
	}

	static void print(List<Finding> findings, PrintStream out) {
		int width = findings.stream().mapToInt((f) -> f.check().length()).max().orElse(5);
		String row = "| %-" + width + "s | %-6s | %s%n";
		out.println();
		out.printf(row, "check", "result", "detail");
		out.printf(row, "-".repeat(width), "------", "------");
		findings.forEach((f) -> out.printf(row, f.check(), f.passed() ? "PASS" : "FAIL", f.detail()));
		long failures = findings.stream().filter((f) -> !f.passed()).count();
		out.println();
		out.println((failures == 0) ? "AUDIT PASSED" : "AUDIT FAILED: " + failures + " check(s) failed");
	}

}
