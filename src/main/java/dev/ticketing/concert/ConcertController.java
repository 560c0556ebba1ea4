package dev.ticketing.concert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Ids;
import dev.ticketing.common.Points;
import dev.ticketing.common.SaleStatus;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fans' catalogue. Its answers are served pre-serialised from the browse cache
 * (bytes, not objects), so each says its real body here for the API document.
 */
@RestController
@RequestMapping("/api/v1/concerts")
@Tag(name = "concert", description = "Concerts, their dates and seats")
class ConcertController {

	private final ConcertService concerts;

	private final BrowseCache cache;

	ConcertController(ConcertService concerts, BrowseCache cache) {
		this.concerts = concerts;
		this.cache = cache;
	}

	/** Public: the concerts on sale (or paused), with their dates and price range. */
	@GetMapping
	@ApiResponse(responseCode = "200", description = "The concerts fans can see",
			content = @Content(mediaType = "application/json",
					array = @ArraySchema(schema = @Schema(implementation = ConcertView.class))))
	ResponseEntity<byte[]> concerts() {
		return json(this.cache.concerts(this::concertViews));
	}

	private List<ConcertView> concertViews() {
		Map<ConcertId, List<ConcertRepository.DateSummary>> dates = this.concerts.listedDates()
			.stream()
			.collect(Collectors.groupingBy(ConcertRepository.DateSummary::concertId));
		return this.concerts.concerts()
			.stream()
			.map((concert) -> ConcertView.of(concert, dates.getOrDefault(concert.id(), List.of())))
			.toList();
	}

	@GetMapping("/{concertId}/dates")
	@ApiResponse(responseCode = "200", description = "The concert's dates with their free seats counted",
			content = @Content(mediaType = "application/json",
					array = @ArraySchema(schema = @Schema(implementation = DateView.class))))
	@ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND")
	ResponseEntity<byte[]> dates(@PathVariable String concertId, Admission admission) {
		ConcertId concert = ConcertId.of(concertId);
		admission.requireConcert(concert);
		return json(this.cache.dates(concert, () -> this.concerts.dates(concert).stream().map(DateView::of).toList()));
	}

	/**
	 * The date's free seats (those of {@code section} only, if given), as the seed
	 * clients read them, with where each is in the hall.
	 */
	@GetMapping("/{concertId}/dates/{concertDateId}/seats")
	@ApiResponse(responseCode = "200", description = "The date's free seats",
			content = @Content(mediaType = "application/json",
					array = @ArraySchema(schema = @Schema(implementation = SeatView.class))))
	@ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND, CONCERT_DATE_NOT_FOUND")
	ResponseEntity<byte[]> seats(@PathVariable String concertId, @PathVariable String concertDateId,
			@RequestParam(required = false) String section, Admission admission) {
		ConcertId concert = ConcertId.of(concertId);
		ConcertDateId date = new ConcertDateId(Ids.number(concertDateId, "concertDateId"));
		admission.requireConcert(concert);
		String only = (section == null || section.isBlank()) ? null : section.strip();
		return json(this.cache.seats(concert, date, only,
				() -> this.concerts.availableSeats(concert, date, only).stream().map(SeatView::of).toList()));
	}

	/**
	 * Every seat of the date with what it is now: {@code AVAILABLE} (free to hold, also
	 * once a hold ran out), {@code HELD} (someone's live hold) or {@code SOLD}. What a
	 * seat map draws; served from the browse cache as the seat list is, and never past
	 * the moment its first hold runs out.
	 */
	@GetMapping("/{concertId}/dates/{concertDateId}/seat-map")
	@ApiResponse(responseCode = "200", description = "Every seat of the date, AVAILABLE, HELD or SOLD",
			content = @Content(mediaType = "application/json",
					array = @ArraySchema(schema = @Schema(implementation = MapSeatView.class))))
	@ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND, CONCERT_DATE_NOT_FOUND")
	ResponseEntity<byte[]> seatMap(@PathVariable String concertId, @PathVariable String concertDateId,
			Admission admission) {
		ConcertId concert = ConcertId.of(concertId);
		ConcertDateId date = new ConcertDateId(Ids.number(concertDateId, "concertDateId"));
		admission.requireConcert(concert);
		return json(this.cache.seatMap(concert, date, () -> {
			List<SeatRepository.MapSeat> seats = this.concerts.seatMap(concert, date);
			Instant firstHoldEnds = seats.stream()
				.map(SeatRepository.MapSeat::heldUntil)
				.filter(Objects::nonNull)
				.min(Instant::compareTo)
				.orElse(null);
			return new BrowseCache.Expiring(seats.stream().map(MapSeatView::of).toList(), firstHoldEnds);
		}));
	}

	private static ResponseEntity<byte[]> json(byte[] body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	record ConcertView(String concertId, String title, String venue, String timeZone,
			@Schema(nullable = true, description = "null: on sale since it was published") Instant saleOpensAt,
			SaleStatus status, List<ListedDate> dates,
			@Schema(nullable = true, description = "null while no date has seats") Long minPrice,
			@Schema(nullable = true, description = "null while no date has seats") Long maxPrice,
			@Schema(nullable = true,
					description = "The most tickets one fan may hold and have paid for, all dates together; null: no cap") Integer ticketsPerFan) {

		static ConcertView of(Concert concert, List<ConcertRepository.DateSummary> dates) {
			Long min = dates.stream()
				.map(ConcertRepository.DateSummary::minPrice)
				.filter(Objects::nonNull)
				.map(Points::value)
				.min(Long::compare)
				.orElse(null);
			Long max = dates.stream()
				.map(ConcertRepository.DateSummary::maxPrice)
				.filter(Objects::nonNull)
				.map(Points::value)
				.max(Long::compare)
				.orElse(null);
			return new ConcertView(concert.id().toString(), concert.title(), concert.venue(),
					concert.timeZone().getId(), concert.saleOpensAt(), concert.status(),
					dates.stream().map((d) -> new ListedDate(d.id().value(), d.startsAt(), d.totalSeats())).toList(),
					min, max, concert.ticketsPerFan());
		}

	}

	record ListedDate(long concertDateId, Instant startsAt, int totalSeats) {
	}

	record DateView(long concertDateId,
			@Schema(description = "The day of startsAt on the concert's clock (its timeZone)") LocalDate date,
			Instant startsAt, int totalSeats, int availableSeats) {

		static DateView of(ConcertDate date) {
			return new DateView(date.id().value(), date.day(), date.startsAt(), date.totalSeats(),
					date.availableSeats());
		}

	}

	/**
	 * A free seat, as the seed clients read it: its {@code status} is always AVAILABLE.
	 */
	record SeatView(long seatId, int seatNumber, long price,
			@Schema(allowableValues = "AVAILABLE",
					description = "Always AVAILABLE: the list has free seats only") String status,
			String section, String row, String label) {

		static SeatView of(Seat seat) {
			return new SeatView(seat.id().value(), seat.number(), seat.price().value(), SeatState.AVAILABLE.name(),
					seat.section(), seat.row(), seat.label());
		}

	}

	/** A seat of the seat map with what it is now. */
	record MapSeatView(long seatId, int seatNumber, long price,
			@Schema(description = "AVAILABLE: free to hold (also once a hold ran out); HELD: someone's live hold; "
					+ "SOLD: paid for") SeatState status,
			String section, String row, String label) {

		static MapSeatView of(SeatRepository.MapSeat seat) {
			Seat s = seat.seat();
			return new MapSeatView(s.id().value(), s.number(), s.price().value(), seat.state(), s.section(), s.row(),
					s.label());
		}

	}

}
