package dev.ticketing.ticket;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ticketing.common.Caller;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.concert.ConcertDateId;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.util.DigestUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/**
 * Gates without signal (role {@code GATE} or {@code ORGANISER}, as every gate call): the
 * list of voided tickets a gate takes along to check codes offline with the published
 * keys, and the sync of the scans it made meanwhile.
 */
@RestController
@Tag(name = "gate", description = "Check-in at the door (GATE or ORGANISER)")
class OfflineGateController {

	/** Most scans one sync takes: a gate offline for a while sends them in parts. */
	static final int MAX_SCANS = 500;

	private final OfflineScans scans;

	private final TicketProperties properties;

	OfflineGateController(OfflineScans scans, TicketProperties properties) {
		this.scans = scans;
		this.properties = properties;
	}

	/**
	 * The concert's tickets whose codes below {@code version} open no door (all of a
	 * refunded one's). A gate refuses such codes offline; its {@code ETag} changes with
	 * the list, so a gate asks again cheaply with {@code If-None-Match}.
	 */
	@GetMapping("/api/v1/gate/concerts/{concertId}/voided")
	@ApiResponse(responseCode = "200", description = "The voided tickets, with an ETag")
	@ApiResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "ROLE_REQUIRED: neither gate staff nor an organiser")
	ResponseEntity<VoidedList> voided(@PathVariable String concertId, WebRequest request) {
		ConcertId concert = ConcertId.of(concertId);
		List<VoidedTicket> voided = this.scans.voided(concert)
			.stream()
			.map((v) -> new VoidedTicket(v.ticket().toString(), v.version(), v.status().name()))
			.toList();
		StringBuilder content = new StringBuilder();
		voided.forEach((v) -> content.append(v.ticketId()).append(':').append(v.version()).append(';'));
		String version = HexFormat.of()
			.formatHex(DigestUtils.md5Digest(content.toString().getBytes(StandardCharsets.UTF_8)));
		if (request.checkNotModified('"' + version + '"')) {
			return null;
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noCache().cachePrivate())
			.eTag('"' + version + '"')
			.body(new VoidedList(concert.toString(), version, this.properties.codeStep().toSeconds(),
					this.properties.stepTolerance(), voided));
	}

	/**
	 * Checks in the scans a gate made offline, the earliest first, and answers each in
	 * the order sent: ADMITTED, CONFLICT (the ticket was scanned at another gate too; the
	 * earliest scan is its check-in, unless it was admitted online, which stays) or
	 * REFUSED with the reason's code.
	 */
	@PostMapping("/api/v1/gate/concerts/{concertId}/check-ins/sync")
	@ApiResponse(responseCode = "200", description = "Each scan's outcome, in the order sent")
	@ApiResponse(responseCode = "400",
			description = "INVALID_SCANS: no scans, more than " + MAX_SCANS + ", or one without its time; "
					+ "INVALID_GATE: a scan without its gate")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "ROLE_REQUIRED: neither gate staff nor an organiser")
	SyncAnswer sync(@PathVariable String concertId, @RequestBody SyncRequest request, Caller caller) {
		ConcertId concert = ConcertId.of(concertId);
		if (request.scans() == null || request.scans().isEmpty() || request.scans().size() > MAX_SCANS) {
			throw invalidScans();
		}
		List<OfflineScans.Scan> scans = request.scans().stream().map(OfflineGateController::scan).toList();
		return new SyncAnswer(this.scans.sync(concert, scans, caller.self(null)).stream().map(SyncedScan::of).toList());
	}

	private static OfflineScans.Scan scan(ScanRequest scan) {
		if (scan == null || scan.scannedAt() == null) {
			throw invalidScans();
		}
		String gate = GateController.gate(scan.gate());
		String code = (scan.code() != null && scan.code().length() <= GateController.MAX_CODE_LENGTH)
				? scan.code().strip() : "";
		return new OfflineScans.Scan(code, gate, scan.scannedAt(),
				(scan.concertDateId() != null) ? new ConcertDateId(scan.concertDateId()) : null);
	}

	private static InvalidInput invalidScans() {
		return InvalidInput.of("INVALID_SCANS",
				"'scans' lists 1 to " + MAX_SCANS + " scans, each with its code, gate and scannedAt");
	}

	/**
	 * @param codeStepSeconds a phone code's time step: its {@code step} claim is
	 * {@code floor(epoch seconds / codeStepSeconds)}
	 * @param stepTolerance how many steps either side of the gate's a phone code is taken
	 */
	record VoidedList(String concertId, @Schema(description = "Changes whenever the list does") String version,
			long codeStepSeconds, int stepTolerance, List<VoidedTicket> tickets) {
	}

	/**
	 * @param version the ticket's current version: codes of an older one are void
	 * @param status REFUNDED: no code of it opens the door
	 */
	record VoidedTicket(String ticketId, int version, @Schema(allowableValues = {
			"VALID", "REFUNDED" }) String status){
	}

	/**
	 * @param scans the scans made offline, in any order
	 */
	record SyncRequest(List<ScanRequest> scans) {
	}

	/**
	 * @param scannedAt when the gate scanned it, by its clock
	 * @param concertDateId the date the gate checked in for, as for the online check-in
	 */
	record ScanRequest(String code, @Schema(example = "North 3") String gate, Instant scannedAt,
			@Schema(description = "The date the gate checked in for; a ticket of another date is REFUSED "
					+ "WRONG_DATE. Without it, any date of the concert") Long concertDateId) {
	}

	record SyncAnswer(List<SyncedScan> results) {
	}

	/**
	 * A synced scan's outcome.
	 *
	 * @param code REFUSED: why, as the online check-in's codes (INVALID_TICKET_CODE,
	 * WRONG_CONCERT, WRONG_DATE, CODE_EXPIRED, TICKET_REFUNDED, TICKET_VOIDED…), or
	 * INVALID_SCAN_TIME
	 * @param gate the gate of the ticket's check-in: the earliest scan
	 * @param checkedInAt the time of the ticket's check-in
	 * @param laterGate CONFLICT won by this scan: the gate whose later scan it took the
	 * place of
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record SyncedScan(@Schema(allowableValues = {
			"ADMITTED", "CONFLICT", "REFUSED" }) String outcome, String ticketId, String code, String label,
			String gate, Instant checkedInAt, String laterGate, Instant laterScannedAt){

		static SyncedScan of(OfflineScans.Synced synced) {
			Ticket.CheckIn first = synced.checkIn();
			Ticket.CheckIn later = synced.displaced();
			return new SyncedScan(synced.outcome().name(),
					(synced.ticket() != null) ? synced.ticket().toString() : null, synced.refusal(),
					(synced.place() != null) ? synced.place().label() : null, (first != null) ? first.gate() : null,
					(first != null) ? first.at() : null, (later != null) ? later.gate() : null,
					(later != null) ? later.at() : null);
		}

	}

}
