package dev.ticketing.reservation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Ids;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.QueuePass;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatUnavailable;
import dev.ticketing.idempotency.Answer;
import dev.ticketing.idempotency.IdempotencyKey;
import dev.ticketing.idempotency.IdempotentRequests;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reservations")
@Tag(name = "reservation", description = "Seat holds")
class ReservationController {

	private final ReservationService reservations;

	private final ObjectMapper json;

	private final IdempotentRequests idempotent;

	ReservationController(ReservationService reservations, IdempotentRequests idempotent, ObjectMapper json) {
		this.reservations = reservations;
		this.idempotent = idempotent;
		this.json = json;
	}

	/**
	 * Builds the hold's request reader and answer writer before the instance takes
	 * traffic: built on first use, they cost the instance's first hold 46 and 18 ms
	 * (measured on a shared 2-core machine, more when it is busy), a share of the 300 ms
	 * from a click to the hold shown.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void prepareJson() {
		this.json.readValue("{\"concertId\":\"" + UUID.randomUUID() + "\",\"concertDateId\":1}", HoldRequest.class);
		this.json.writeValueAsBytes(new ReservationView(UUID.randomUUID().toString(), 1, UUID.randomUUID().toString(),
				1, ReservationStatus.HELD.name(), Instant.EPOCH, 1));
	}

	/**
	 * Holds the seat. With an {@code Idempotency-Key}, the queue token's user's: a repeat
	 * holds nothing more and gets the first answer again, even once the hold has run out.
	 */
	@PostMapping("/seats/{seatId}")
	@ApiResponse(responseCode = "200", description = "The seat is held for the token's user",
			content = @Content(schema = @Schema(implementation = ReservationView.class)))
	// A hold takes any genuine token (a repeat with its key is answered after the
	// admission
	// ended), but a new hold needs it ACTIVE for the concert.
	@ApiResponse(responseCode = "403",
			description = "QUEUE_WAITING: the token is still waiting; TOKEN_CONCERT_MISMATCH")
	@ApiResponse(responseCode = "404", description = "SEAT_NOT_FOUND, CONCERT_DATE_NOT_FOUND")
	@ApiResponse(responseCode = "409",
			description = "SEAT_UNAVAILABLE: held by someone else or sold; HOLD_LIMIT: the user holds the most seats one may")
	Object hold(@PathVariable String seatId, @RequestBody HoldRequest request, QueuePass pass,
			Optional<IdempotencyKey> key, HttpServletRequest http) {
		HoldSeat command = new HoldSeat(ConcertId.of(request.concertId()), new ConcertDateId(request.concertDateId()),
				new SeatId(Ids.number(seatId, "seatId")));
		if (key.isPresent()) {
			return holdOnce(command, pass, key.get(), http);
		}
		Admission admission = pass.admission();
		try {
			// The view itself, not a ResponseEntity: Spring MVC flushes a ResponseEntity,
			// which would send the body chunked instead of with its Content-Length.
			return ReservationView.of(this.reservations.hold(command, admission));
		}
		catch (SeatUnavailable ex) {
			// In a flash sale nearly every attempt is refused: answered here, already
			// serialised, the refusal skips Spring MVC's exception resolution and the
			// generic problem serialisation (together a fifth of a refusal's CPU in the
			// profile), with the same document the exception handler would give.
			return ex.toResponse(http.getRequestURI(), this.json);
		}
	}

	/**
	 * A hold under a key. A repeat whose token is no longer admitted (the admission ran
	 * out or ended since the first attempt) holds nothing new, but the token still proves
	 * whose the key is: it gets the first answer if there is one, and the token's refusal
	 * otherwise.
	 */
	private Object holdOnce(HoldSeat command, QueuePass pass, IdempotencyKey key, HttpServletRequest http) {
		IdempotentRequests.Call call = new IdempotentRequests.Call(pass.bearer().userId(), key, http.getMethod(),
				http.getRequestURI(), "concertId=" + command.concertId() + "&concertDateId=" + command.concertDateId());
		Optional<ResponseEntity<byte[]>> first = pass.isAdmitted() ? Optional.empty() : this.idempotent.answered(call);
		if (first.isPresent()) {
			return first.get();
		}
		Admission admission = pass.admission();
		try {
			return this.idempotent.run(call, (attempt) -> {
				ReservationId id = attempt.isFirst() ? idFor(admission, key) : ReservationId.random();
				Answer[] answer = new Answer[1];
				this.reservations.hold(command, admission, id, (held) -> {
					answer[0] = Answer.json(200, ReservationView.of(held), this.json);
					attempt.record(answer[0]);
				});
				return answer[0];
			});
		}
		catch (SeatUnavailable ex) {
			return ex.toResponse(http.getRequestURI(), this.json);
		}
	}

	/**
	 * The one reservation id of the user's hold under {@code key}: every attempt with the
	 * key claims the seat under it, so a repeat is never turned away by the first
	 * attempt's claim. Another user's key gives another id.
	 */
	private static ReservationId idFor(Admission admission, IdempotencyKey key) {
		return new ReservationId(UUID
			.nameUUIDFromBytes(("hold\n" + admission.userId() + '\n' + key.value()).getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Gives up the hold, with a queue token that could pay for it: its holder's, whatever
	 * the token's admission has become.
	 */
	@DeleteMapping("/{reservationId}")
	@ApiResponse(responseCode = "204", description = "The hold is given up, or had run out already")
	@ApiResponse(responseCode = "401",
			description = "TOKEN_EXPIRED: a token of an ended entry into the line that is not the hold's own")
	@ApiResponse(responseCode = "403", description = "TOKEN_CONCERT_MISMATCH: another concert's token")
	@ApiResponse(responseCode = "404", description = "RESERVATION_NOT_FOUND: unknown, or not the token user's")
	@ApiResponse(responseCode = "409", description = "RESERVATION_CONFIRMED: paid for already")
	ResponseEntity<Void> cancel(@PathVariable String reservationId, QueuePass pass) {
		this.reservations.cancel(ReservationId.of(reservationId), pass);
		return ResponseEntity.noContent().build();
	}

	record HoldRequest(String concertId, Long concertDateId) {

		HoldRequest {
			if (concertId == null || concertDateId == null) {
				throw InvalidInput.of("MALFORMED_BODY", "concertId and concertDateId are required");
			}
		}

	}

	record ReservationView(String reservationId, long seatId, String concertId, long concertDateId, String status,
			Instant expiresAt, long price) {

		static ReservationView of(Reservation r) {
			return new ReservationView(r.id().toString(), r.seatId().value(), r.concertId().toString(),
					r.concertDateId().value(), r.status().name(), r.expiresAt(), r.price().value());
		}

	}

}
