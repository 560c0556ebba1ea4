package dev.ticketing.reservation;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Ids;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatUnavailable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/reservations")
class ReservationController {

	private final ReservationService reservations;

	private final ObjectMapper json;

	ReservationController(ReservationService reservations, ObjectMapper json) {
		this.reservations = reservations;
		this.json = json;
	}

	@PostMapping("/seats/{seatId}")
	Object hold(@PathVariable String seatId, @RequestBody HoldRequest request, Admission admission,
			HttpServletRequest http) {
		HoldSeat command = new HoldSeat(ConcertId.of(request.concertId()), new ConcertDateId(request.concertDateId()),
				new SeatId(Ids.number(seatId, "seatId")));
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

	@DeleteMapping("/{reservationId}")
	ResponseEntity<Void> cancel(@PathVariable String reservationId, Admission admission) {
		this.reservations.cancel(ReservationId.of(reservationId), admission);
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
