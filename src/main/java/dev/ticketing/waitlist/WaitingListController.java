package dev.ticketing.waitlist;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ticketing.common.Caller;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Ids;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatPlace;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.reservation.ReservationStatus;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A fan's places on waiting lists, for the fan alone (signed in): joining a sold-out
 * date's list, leaving it, and reading where they stand, including the seat held for them
 * once one is offered. The booking page polls the list.
 */
@RestController
@RequestMapping("/api/v1/users/{userId}/waiting-lists")
@Tag(name = "waiting list", description = "Waiting lists of sold-out dates")
class WaitingListController {

	private final WaitingListService lists;

	private final ReservationService reservations;

	private final ConcertService concerts;

	private final Clock clock;

	WaitingListController(WaitingListService lists, ReservationService reservations, ConcertService concerts,
			Clock clock) {
		this.lists = lists;
		this.reservations = reservations;
		this.concerts = concerts;
		this.clock = clock;
	}

	@PostMapping
	@ApiResponse(responseCode = "201", description = "The fan's place at the end of the date's waiting list",
			content = @Content(schema = @Schema(implementation = PlaceView.class)))
	@ApiResponse(responseCode = "400", description = "MALFORMED_BODY, INVALID_ID")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: not the fan themself")
	@ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND, CONCERT_DATE_NOT_FOUND")
	@ApiResponse(responseCode = "409", description = "NOT_SOLD_OUT: a seat of the date is free; ALREADY_WAITING; "
			+ "TICKET_LIMIT: the fan has as many tickets of the concert as one may; SALE_CLOSED")
	ResponseEntity<PlaceView> join(@PathVariable String userId, Caller caller, @RequestBody JoinRequest request) {
		UserId fan = caller.requireSelf(UserId.of(userId));
		Place place = this.lists.join(fan, ConcertId.of(request.concertId()),
				new ConcertDateId(request.concertDateId()));
		return ResponseEntity.created(URI.create("/api/v1/users/" + fan + "/waiting-lists"))
			.body(views(List.of(place)).getFirst());
	}

	@DeleteMapping("/{concertDateId}")
	@ApiResponse(responseCode = "204", description = "The fan is off the date's waiting list")
	@ApiResponse(responseCode = "400", description = "INVALID_ID")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: not the fan themself")
	@ApiResponse(responseCode = "404", description = "NOT_WAITING: the fan does not wait for that date")
	ResponseEntity<Void> leave(@PathVariable String userId, @PathVariable String concertDateId, Caller caller) {
		UserId fan = caller.requireSelf(UserId.of(userId));
		this.lists.leave(fan, new ConcertDateId(Ids.number(concertDateId, "concertDateId")));
		return ResponseEntity.noContent().build();
	}

	/**
	 * The fan's latest places, newest first: WAITING with the position, OFFERED with the
	 * seat held for the fan, until when, and what became of that hold.
	 */
	@GetMapping
	@ApiResponse(responseCode = "200", description = "The fan's latest places on waiting lists, newest first")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: not the fan themself")
	List<PlaceView> places(@PathVariable String userId, Caller caller) {
		return views(this.lists.places(caller.requireSelf(UserId.of(userId))));
	}

	private List<PlaceView> views(List<Place> places) {
		Instant now = this.clock.instant();
		Map<SeatId, SeatPlace> seats = this.concerts
			.places(places.stream().map(Place::seat).filter(Objects::nonNull).toList());
		return places.stream().map((place) -> {
			OfferView offer = null;
			if (place.status() == Place.Status.OFFERED) {
				Reservation hold = this.reservations.find(place.hold()).orElseThrow();
				offer = OfferView.of(hold, seats.get(place.seat()), now);
			}
			return new PlaceView(place.id(), place.concertId().toString(), place.date().value(), place.status(),
					this.lists.position(place), place.joinedAt(), offer, place.skippedBecause());
		}).toList();
	}

	record JoinRequest(String concertId, Long concertDateId) {

		JoinRequest {
			if (concertId == null || concertDateId == null) {
				throw InvalidInput.of("MALFORMED_BODY", "concertId and concertDateId are required");
			}
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PlaceView(long placeId, String concertId, long concertDateId, Place.Status status,
			@Schema(description = "1 for the next fan to be offered a seat; 0 unless WAITING") int position,
			Instant joinedAt, @Schema(description = "The seat held for the fan, once OFFERED") OfferView offer,
			@Schema(description = "Why a SKIPPED fan was passed over: TICKET_LIMIT or HOLD_LIMIT") String skippedBecause) {
	}

	/**
	 * A released seat held for the fan: pay for {@code reservationId} as for any hold
	 * before {@code expiresAt}, or it goes to the next fan.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record OfferView(String reservationId, long seatId, Integer seatNumber, String section, String row, String label,
			long price, Instant expiresAt,
			@Schema(description = "HELD while it can be paid for, then PAID, or EXPIRED or CANCELLED if given up") ReservationStatus reservationStatus) {

		static OfferView of(Reservation hold, SeatPlace place, Instant now) {
			return new OfferView(hold.id().toString(), hold.seatId().value(),
					(place != null) ? place.seatNumber() : null, (place != null) ? place.section() : null,
					(place != null) ? place.row() : null, (place != null) ? place.label() : null, hold.price().value(),
					hold.expiresAt(), hold.statusAt(now));
		}

	}

}
