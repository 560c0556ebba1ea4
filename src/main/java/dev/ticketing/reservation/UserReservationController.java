package dev.ticketing.reservation;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ticketing.common.Caller;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.SeatPlace;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

	/**
	 * The user's latest reservations, newest first, each with its concert, date and place
	 * in the hall, for the fan's tickets page.
	 */
	@GetMapping("/api/v1/users/{userId}/reservations")
	@ApiResponse(responseCode = "200",
			description = "The latest reservations, newest first, each with where and when its seat is")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: another user's, and not an organiser")
	List<ReservationEntry> reservations(@PathVariable String userId, Caller caller) {
		UserId user = caller.requireSelfOrOrganiser(UserId.of(userId));
		return this.reservations.latest(user, LATEST).stream().map(ReservationEntry::of).toList();
	}

	/**
	 * {@code expiresAt} for a hold (live or run out), {@code paidAt} once paid. The
	 * seat's place, date and concert are left out only for a seat that is gone (its date
	 * laid out anew after the hold ended).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ReservationEntry(String reservationId, String concertId, long concertDateId, long seatId, Integer seatNumber,
			long price, ReservationStatus status, Instant heldAt, Instant expiresAt, Instant paidAt,
			@Schema(description = "The concert's title") String concertTitle,
			@Schema(description = "The concert's time zone: the clock its date is shown on",
					example = "Asia/Seoul") String timeZone,
			@Schema(description = "When the seat's date starts") Instant startsAt,
			@Schema(description = "The seat's section in the hall; absent for seats created before seat maps",
					example = "A") String section,
			@Schema(description = "The seat's row in its section", example = "3") String row,
			@Schema(description = "The seat's label: section-row-seat", example = "A-3-7") String label,
			@Schema(description = "For a paid ticket: until when its user may refund it themselves "
					+ "(absent where fans cannot, and once given away)") Instant selfRefundableUntil,
			@Schema(description = "True once its ticket was given to another fan: theirs now, "
					+ "shown in their tickets and no longer in these") Boolean givenAway) {

		static ReservationEntry of(ReservationSummary summary) {
			Reservation r = summary.reservation();
			SeatPlace place = summary.place();
			boolean paid = summary.status() == ReservationStatus.PAID;
			return new ReservationEntry(r.id().toString(), r.concertId().toString(), r.concertDateId().value(),
					r.seatId().value(), (place != null) ? place.seatNumber() : null, r.price().value(),
					summary.status(), r.heldAt(), paid ? null : r.expiresAt(), summary.paidAt(),
					(place != null) ? place.concertTitle() : null, (place != null) ? place.timeZone().getId() : null,
					(place != null) ? place.startsAt() : null, (place != null) ? place.section() : null,
					(place != null) ? place.row() : null, (place != null) ? place.label() : null,
					summary.selfRefundableUntil(), (summary.givenTo() != null) ? Boolean.TRUE : null);
		}

	}

}
