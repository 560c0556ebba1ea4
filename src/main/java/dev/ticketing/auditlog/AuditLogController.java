package dev.ticketing.auditlog;

import java.time.Instant;
import java.util.List;

import dev.ticketing.common.InvalidInput;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit log for organisers (role {@code ORGANISER}, checked by the security filters
 * for every {@code /api/v1/organiser/**} call: 401 without an access token, 403 without
 * the role). Read only: nothing here or anywhere changes an entry.
 */
@RestController
@Tag(name = "organiser", description = "Running sales: concerts, dates and seat maps (ORGANISER)")
class AuditLogController {

	/** The most entries one page holds. */
	static final int MAX_SIZE = 200;

	private final AuditLogRepository entries;

	private final ObjectMapper json;

	AuditLogController(AuditLogRepository entries, ObjectMapper json) {
		this.entries = entries;
		this.json = json;
	}

	/**
	 * Privileged actions, newest first, a page at a time.
	 * @param page the page, from 0
	 * @param size entries a page, 1 to {@value #MAX_SIZE}
	 */
	@GetMapping("/api/v1/organiser/audit-log")
	Page auditLog(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		if (page < 0 || size < 1 || size > MAX_SIZE) {
			throw InvalidInput.of("INVALID_PAGE", "page must be 0 or more and size between 1 and " + MAX_SIZE);
		}
		long offset = (long) page * size;
		if (offset > Integer.MAX_VALUE) {
			throw InvalidInput.of("INVALID_PAGE", "page is past the end of the log");
		}
		List<EntryView> shown = this.entries.newest((int) offset, size)
			.stream()
			.map((entry) -> new EntryView(entry.id(), entry.at(), entry.actor(), entry.clientAddress(), entry.action(),
					entry.subject(), this.json.readTree(entry.details())))
			.toList();
		return new Page(page, size, this.entries.count(), shown);
	}

	/**
	 * @param total entries in the whole log
	 */
	record Page(int page, int size, long total, List<EntryView> entries) {
	}

	/**
	 * @param actor who: the access token's subject, or null for the service itself (demo
	 * data, the {@code seed} command)
	 * @param clientAddress from where, or null for the service itself
	 * @param details what changed
	 */
	record EntryView(long id, Instant at, @Schema(nullable = true) String actor,
			@Schema(nullable = true) String clientAddress, String action, String subject, JsonNode details) {
	}

}
