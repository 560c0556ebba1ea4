package dev.ticketing.ticket;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ticketing.common.Caller;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatPlace;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The door: gate staff (role {@code GATE}) or an organiser scan a ticket's code, and the
 * first scan of a ticket admits it. Who may call it the security configuration decides.
 */
@RestController
@Tag(name = "gate", description = "Check-in at the door (GATE or ORGANISER)")
class GateController {

	/** Longest gate name: a label such as "North 3", not a document. */
	static final int MAX_GATE_LENGTH = 64;

	/** Longest scanned text read: a ticket's code is a few hundred characters. */
	static final int MAX_CODE_LENGTH = 2048;

	private final TicketService tickets;

	GateController(TicketService tickets) {
		this.tickets = tickets;
	}

	/**
	 * Checks the scanned ticket in at {@code gate}: the first scan of a ticket, at any
	 * gate, admits; every later one answers 409 {@code ALREADY_USED} with where and when
	 * the first was.
	 */
	@PostMapping("/api/v1/gate/concerts/{concertId}/check-ins")
	@ApiResponse(responseCode = "200", description = "Admitted: the ticket's first scan")
	@ApiResponse(responseCode = "400",
			description = "INVALID_TICKET_CODE: forged, altered, unreadable or not "
					+ "signed by this service's keys; INVALID_GATE: no gate named")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "ROLE_REQUIRED: neither gate staff nor an organiser")
	@ApiResponse(responseCode = "409",
			description = "ALREADY_USED: admitted before (with that scan's gate and checkedInAt); "
					+ "WRONG_CONCERT; WRONG_DATE: for another date than the gate's; TICKET_REFUNDED; TICKET_VOIDED: an older code of the ticket; "
					+ "CODE_NOT_YET_VALID: a phone code of a later time step",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = CheckInRefused.class)))
	@ApiResponse(responseCode = "410",
			description = "CODE_EXPIRED: a phone code of an earlier time step (a screenshot or old picture)")
	CheckInView checkIn(@PathVariable String concertId, @RequestBody CheckInRequest request, Caller caller) {
		ConcertId concert = ConcertId.of(concertId);
		String gate = gate(request.gate());
		if (request.code() == null || request.code().isBlank() || request.code().length() > MAX_CODE_LENGTH) {
			throw TicketProblems.invalidCode();
		}
		ConcertDateId date = (request.concertDateId() != null) ? new ConcertDateId(request.concertDateId()) : null;
		return CheckInView.of(this.tickets.checkIn(concert, date, request.code().strip(), gate, caller.self(null)));
	}

	static String gate(String gate) {
		String name = (gate != null) ? gate.strip() : "";
		if (name.isEmpty() || name.length() > MAX_GATE_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
			throw InvalidInput.of("INVALID_GATE",
					"'gate' names the gate scanning: 1 to " + MAX_GATE_LENGTH + " printable characters");
		}
		return name;
	}

	/**
	 * @param code the scanned text: a ticket's phone or printed code
	 * @param gate where it was scanned, as the first scan's refusal of later ones names
	 * it
	 * @param concertDateId the date the gate checks in for: a ticket for another date of
	 * the concert is refused {@code WRONG_DATE}; without it any date's ticket is taken
	 */
	record CheckInRequest(@Schema(description = "The scanned code") String code,
			@Schema(description = "The gate scanning", example = "North 3") String gate,
			@Schema(description = "The date the gate checks in for; tickets of the concert's other dates are "
					+ "refused WRONG_DATE. Without it, a ticket of any date of the concert is taken") Long concertDateId) {
	}

	/**
	 * The problem document of a refused check-in: an ALREADY_USED one also names the
	 * first scan.
	 */
	@Schema(name = "CheckInRefused",
			description = "An RFC 9457 problem document; ALREADY_USED also names the gate and time of the scan "
					+ "that admitted the ticket")
	record CheckInRefused(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Conflict") String title,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "409") int status, String detail,
			String instance,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Stable, machine-readable reason",
					example = "ALREADY_USED") String code,
			@Schema(description = "ALREADY_USED: the gate that admitted the ticket", example = "North 3") String gate,
			@Schema(description = "ALREADY_USED: when it was admitted") Instant checkedInAt) {
	}

	/** A ticket admitted, with its seat for the gate to show. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CheckInView(String ticketId, String concertId, long concertDateId, long seatId,
			@Schema(description = "The seat's label: section-row-seat", example = "A-3-7") String label, String gate,
			Instant checkedInAt) {

		static CheckInView of(TicketService.Admitted admitted) {
			Ticket t = admitted.ticket();
			SeatPlace place = admitted.place();
			return new CheckInView(t.id().toString(), t.concertId().toString(), t.concertDateId().value(),
					t.seatId().value(), (place != null) ? place.label() : null, t.checkIn().gate(), t.checkIn().at());
		}

	}

}
