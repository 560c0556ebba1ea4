package dev.ticketing.reservation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ticketing.common.Caller;
import dev.ticketing.common.UserId;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user's own reservations, for the user (signed in) or an organiser.
 */
@RestController
@Tag(name = "reservation", description = "Seat holds")
class UserReservationController {

	/** The list is the latest reservations, not all of them ever. */
	static final int LATEST = 100;

	private final ReservationService reservations;

	UserReservationController(ReservationService reservations) {
		this.reservations = reservations;
	}

	@GetMapping("/api/v1/users/{userId}/reservations")
	List<ReservationEntry> reservations(@PathVariable String userId, Caller caller) {
		UserId user = caller.requireSelfOrOrganiser(UserId.of(userId));
		return this.reservations.latest(user, LATEST).stream().map(ReservationEntry::of).toList();
	}

	/**
	 * {@code expiresAt} for a hold (live or run out), {@code paidAt} once paid.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ReservationEntry(String reservationId, String concertId, long concertDateId, long seatId, int seatNumber,
			long price, String status, Instant heldAt, Instant expiresAt, Instant paidAt) {

		static ReservationEntry of(ReservationSummary summary) {
			Reservation r = summary.reservation();
			boolean paid = summary.status() == ReservationSummary.Status.PAID;
			return new ReservationEntry(r.id().toString(), r.concertId().toString(), r.concertDateId().value(),
					r.seatId().value(), summary.seatNumber(), r.price().value(), summary.status().name(), r.heldAt(),
					paid ? null : r.expiresAt(), summary.paidAt());
		}

	}

}
