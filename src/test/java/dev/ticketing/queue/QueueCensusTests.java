package dev.ticketing.queue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The census of the Redis store runs in {@code IntegrityAuditIntegrationTests}, against
 * data broken behind the queue's back.
 */
class QueueCensusTests {

	@Test
	void countsNothingOfAnInProcessQueueWhichAnotherProcessCannotSee() {
		QueueProperties settings = QueueSettings
			.of(1, Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofMinutes(5), 0)
			.build();
		assertThat(QueueCensus.inProcess(settings).activeAt(Instant.now())).isEmpty();
	}

}
