package dev.ticketing.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's two adapters follow one set of rules: the contract tests hold their
 * behaviour equal, and this their constants.
 */
class QueueScriptTests {

	private static final Pattern CONSTANT = Pattern.compile("(?m)^local ([A-Z_]+) = (\\d+)$");

	@Test
	void theScriptsConstantsAreTheInProcessQueues() throws IOException {
		String script = new ClassPathResource("queue/queue.lua").getContentAsString(StandardCharsets.UTF_8);
		Matcher matcher = CONSTANT.matcher(script);
		Map<String, Long> constants = new HashMap<>();
		while (matcher.find()) {
			constants.put(matcher.group(1), Long.parseLong(matcher.group(2)));
		}
		assertThat(constants).containsEntry("BAND", InMemoryWaitingQueue.BAND)
			.containsEntry("SEQ_SPACE", InMemoryWaitingQueue.SEQ_SPACE)
			.containsEntry("RATE_TAU", (long) (InMemoryWaitingQueue.RATE_TAU_SECONDS * 1000))
			.containsEntry("MAX_LOOKED", (long) InMemoryWaitingQueue.MAX_LOOKED);
	}

	@Test
	void everyOperationTheRedisAdapterCallsIsANamedFunctionOfTheScript() throws IOException {
		String script = new ClassPathResource("queue/queue.lua").getContentAsString(StandardCharsets.UTF_8);
		for (String op : new String[] { "enter", "standing", "admit", "leave", "release", "refill", "size", "report",
				"limit" }) {
			assertThat(script).as(op).contains("function OPERATIONS." + op + "()");
		}
	}

}
