package dev.ticketing.reservation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.Points;
import dev.ticketing.common.QueuePass;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.idempotency.Answer;
import dev.ticketing.idempotency.IdempotencyKey;
import dev.ticketing.idempotency.IdempotentRequests;
import dev.ticketing.reservation.ReservationController.ReservationView;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seats side by side picked by the service for the queue token's user. The token says who
 * the fan is, as for a single hold: a fan holds for themself only.
 */
@RestController
@Tag(name = "reservation", description = "Seat holds")
class BestAvailableController {

	static final String PATH = "/api/v1/reservations/best-available";

	private final BestAvailable bestAvailable;

	private final IdempotentRequests idempotent;

	private final ObjectMapper json;

	BestAvailableController(BestAvailable bestAvailable, IdempotentRequests idempotent, ObjectMapper json) {
		this.bestAvailable = bestAvailable;
		this.idempotent = idempotent;
		this.json = json;
	}

	/**
	 * Holds {@code count} free seats side by side, in one row of the section or of the
	 * price band, all or none. With an {@code Idempotency-Key}, a repeat holds nothing
	 * more and gets the first answer again.
	 */
	@PostMapping(PATH)
	@ApiResponse(responseCode = "200", description = "The seats are held for the token's user, in the row's order",
			content = @Content(mediaType = "application/json",
					array = @ArraySchema(schema = @Schema(implementation = ReservationView.class))))
	@ApiResponse(responseCode = "400",
			description = "INVALID_COUNT: fewer than 1, or more than one user may hold; MALFORMED_BODY: "
					+ "neither or both of section and price")
	@ApiResponse(responseCode = "401", description = "A missing, unknown or ended queue token")
	@ApiResponse(responseCode = "403",
			description = "QUEUE_WAITING: the token is still waiting; TOKEN_CONCERT_MISMATCH")
	@ApiResponse(responseCode = "404", description = "CONCERT_DATE_NOT_FOUND, SECTION_NOT_FOUND")
	@ApiResponse(responseCode = "409",
			description = "SOLD_OUT: no block of that many seats side by side is free there; SEATS_CONTENDED: others took every block picked first; HOLD_LIMIT; "
					+ "TICKET_LIMIT; SALE_CLOSED")
	Object hold(@RequestBody BestAvailableRequest request, QueuePass pass, Optional<IdempotencyKey> key,
			HttpServletRequest http) {
		HoldTogether command = request.command();
		if (key.isEmpty()) {
			return views(this.bestAvailable.hold(command, pass.admission()));
		}
		IdempotentRequests.Call call = new IdempotentRequests.Call(pass.bearer().userId(), key.get(), http.getMethod(),
				http.getRequestURI(), request.fingerprint());
		Optional<ResponseEntity<byte[]>> first = pass.isAdmitted() ? Optional.empty() : this.idempotent.answered(call);
		if (first.isPresent()) {
			return first.get();
		}
		Admission admission = pass.admission();
		return this.idempotent.run(call, (attempt) -> {
			Answer[] answer = new Answer[1];
			this.bestAvailable.hold(command, admission,
					(i) -> attempt.isFirst() ? idFor(admission, key.get(), i) : ReservationId.random(), (held) -> {
						answer[0] = Answer.json(200, views(held), this.json);
						attempt.record(answer[0]);
					});
			return answer[0];
		});
	}

	private static List<ReservationView> views(List<Reservation> held) {
		return held.stream().map(ReservationView::of).toList();
	}

	/**
	 * The {@code i}-th reservation id of the user's holds under {@code key}: a repeat
	 * running alongside the first attempt collides with it on these ids and is answered
	 * as the first was.
	 */
	private static ReservationId idFor(Admission admission, IdempotencyKey key, int i) {
		return new ReservationId(
				UUID.nameUUIDFromBytes(("best-available\n" + admission.userId() + '\n' + key.value() + '\n' + i)
					.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * @param count how many seats side by side
	 * @param section the section's name, as the hall names it; or
	 * @param price the price band: seats that cost this, in any section
	 */
	record BestAvailableRequest(String concertId, Long concertDateId,
			@Schema(minimum = "1", description = "How many seats side by side, at most the hold limit") Integer count,
			@Schema(nullable = true, description = "The section's name, as the hall names it; or price") String section,
			@Schema(nullable = true,
					description = "A price band: seats that cost this, in any section; or section") Long price) {

		BestAvailableRequest {
			if (concertId == null || concertDateId == null || count == null) {
				throw InvalidInput.of("MALFORMED_BODY", "concertId, concertDateId and count are required");
			}
			if (price != null && price < 0) {
				throw InvalidInput.of("INVALID_PRICE", "a price band is not negative");
			}
		}

		HoldTogether command() {
			return new HoldTogether(ConcertId.of(this.concertId), new ConcertDateId(this.concertDateId), this.count,
					(this.section != null && this.section.isBlank()) ? null : this.section,
					(this.price != null) ? Points.of(this.price) : null);
		}

		/** The fields the call reads, in a fixed spelling. */
		String fingerprint() {
			return "concertId=" + this.concertId + "&concertDateId=" + this.concertDateId + "&count=" + this.count
					+ "&section=" + this.section + "&price=" + this.price;
		}

	}

}
