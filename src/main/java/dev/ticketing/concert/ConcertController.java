package dev.ticketing.concert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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

	private final HallSeats hall;

	ConcertController(ConcertService concerts, BrowseCache cache, HallSeats hall) {
		this.concerts = concerts;
		this.cache = cache;
		this.hall = hall;
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
			return new BrowseCache.Expiring(seats.stream().map(MapSeatView::of).toList(),
					HallSeats.firstHoldEnds(seats.stream().map(SeatRepository.MapSeat::heldUntil)));
		}));
	}

	/**
	 * The date's hall by section, for a plan of it: each section's name, price range,
	 * seats in all and free now, and its place on the plan. Its {@code ETag} is its
	 * version: a client that sends it back in {@code If-None-Match} gets 304 and no body
	 * while nothing changed. Served from the browse cache, never past the moment its
	 * first hold runs out.
	 */
	@GetMapping("/{concertId}/dates/{concertDateId}/hall")
	@ApiResponse(responseCode = "200", description = "The date's sections, with an ETag",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = HallView.class)))
	@ApiResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
	@ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND, CONCERT_DATE_NOT_FOUND")
	ResponseEntity<byte[]> hall(@PathVariable String concertId, @PathVariable String concertDateId,
			Admission admission) {
		ConcertId concert = ConcertId.of(concertId);
		ConcertDateId date = new ConcertDateId(Ids.number(concertDateId, "concertDateId"));
		admission.requireConcert(concert);
		return versioned(hall(concert, date));
	}

	/**
	 * One section's seats, row by row, and what each is now, compactly: each row's seat
	 * ids (its first id when they run on by one) and the section's states as one letter a
	 * seat in the rows' order, {@code A} free, {@code H} held, {@code S} sold. Versioned
	 * as the hall is, so a refresh with nothing new costs a 304.
	 */
	@GetMapping("/{concertId}/dates/{concertDateId}/sections/{section}/seats-state")
	@ApiResponse(responseCode = "200", description = "The section's rows and states, with an ETag",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = SectionSeatsView.class)))
	@ApiResponse(responseCode = "304", description = "Unchanged since the ETag sent in If-None-Match")
	@ApiResponse(responseCode = "404", description = "CONCERT_NOT_FOUND, CONCERT_DATE_NOT_FOUND, SECTION_NOT_FOUND")
	ResponseEntity<byte[]> sectionSeats(@PathVariable String concertId, @PathVariable String concertDateId,
			@PathVariable @Schema(description = "The section's index in the hall, from 0") String section,
			Admission admission) {
		ConcertId concert = ConcertId.of(concertId);
		ConcertDateId date = new ConcertDateId(Ids.number(concertDateId, "concertDateId"));
		long index = Ids.number(section, "section");
		admission.requireConcert(concert);
		List<SectionView> sections = ((HallView) hall(concert, date).value()).sections();
		if (index < 0 || index >= sections.size()) {
			throw CatalogNotFound.section(date, section);
		}
		return versioned(this.hall.section(concert, date, sections.get((int) index)));
	}

	private BrowseCache.Versioned hall(ConcertId concert, ConcertDateId date) {
		return this.hall.hall(concert, date);
	}

	/**
	 * The answer with its version as its ETag: Spring answers 304 without a body to an
	 * If-None-Match that names it.
	 */
	private static ResponseEntity<byte[]> versioned(BrowseCache.Versioned answer) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(answer.eTag()).body(answer.body());
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
					description = "The most tickets one fan may hold and have paid for, all dates together; null: no cap") Integer ticketsPerFan,
			@Schema(description = "Joining the line needs a solved proof-of-work challenge") boolean joinChallenge) {

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
					min, max, concert.ticketsPerFan(), concert.joinChallenge());
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

	/**
	 * A date's hall by section.
	 *
	 * @param columns how many sections the plan puts side by side
	 */
	record HallView(long concertDateId, int totalSeats, int availableSeats, int columns, List<SectionView> sections) {

		static HallView of(ConcertDateId date, List<SeatRepository.HallSection> sections) {
			// A near-square grid facing the stage, in the hall's order: the map holds no
			// geometry of its own.
			int columns = (int) Math.ceil(Math.sqrt(sections.size()));
			List<SectionView> views = new ArrayList<>(sections.size());
			for (int i = 0; i < sections.size(); i++) {
				views.add(SectionView.of(i, sections.get(i), columns));
			}
			return new HallView(date.value(), views.stream().mapToInt(SectionView::totalSeats).sum(),
					views.stream().mapToInt(SectionView::availableSeats).sum(), columns, views);
		}

	}

	/**
	 * A section of the hall.
	 *
	 * @param index what names the section in the path of its seats
	 * @param name null for seats created before seat maps
	 * @param column its column on the plan, from 1
	 * @param row its row on the plan, from 1 (1 nearest the stage)
	 */
	record SectionView(int index, @Schema(nullable = true) String name, long minPrice, long maxPrice, int totalSeats,
			int availableSeats, int column, int row) {

		static SectionView of(int index, SeatRepository.HallSection section, int columns) {
			return new SectionView(index, section.name(), section.minPrice().value(), section.maxPrice().value(),
					section.total(), section.available(), index % columns + 1, index / columns + 1);
		}

	}

	/**
	 * A section's seats and their states.
	 *
	 * @param states one letter a seat, in the order of the rows and of the seats in each:
	 * A free (also once a hold ran out), H someone's live hold, S sold
	 */
	record SectionSeatsView(int index, @Schema(nullable = true) String name, List<RowView> rows,
			@Schema(pattern = "^[AHS]*$") String states) {

		static SectionSeatsView of(SectionView section, List<SeatRepository.SectionSeat> seats) {
			List<RowView> rows = new ArrayList<>();
			StringBuilder states = new StringBuilder(seats.size());
			int from = 0;
			for (int i = 1; i <= seats.size(); i++) {
				if (i == seats.size() || !Objects.equals(seats.get(i).seat().row(), seats.get(from).seat().row())) {
					rows.add(RowView.of(seats.subList(from, i)));
					from = i;
				}
			}
			for (SeatRepository.SectionSeat seat : seats) {
				states.append(seat.state().name().charAt(0));
			}
			return new SectionSeatsView(section.index(), section.name(), rows, states.toString());
		}

	}

	/**
	 * A row of a section: its seats are labelled 1, 2, … in the order of their ids.
	 *
	 * @param label null for seats created before seat maps
	 * @param firstSeatId the id of its first seat
	 * @param seatIds every seat's id, only when they do not run on by one from
	 * {@code firstSeatId}
	 */
	record RowView(@Schema(nullable = true) String label, long price, int seats, long firstSeatId,
			@Schema(nullable = true) List<Long> seatIds) {

		static RowView of(List<SeatRepository.SectionSeat> seats) {
			Seat first = seats.get(0).seat();
			long firstId = first.id().value();
			boolean consecutive = true;
			for (int i = 0; i < seats.size(); i++) {
				consecutive &= seats.get(i).seat().id().value() == firstId + i;
			}
			List<Long> ids = consecutive ? null : seats.stream().map((seat) -> seat.seat().id().value()).toList();
			return new RowView(first.row(), first.price().value(), seats.size(), firstId, ids);
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
