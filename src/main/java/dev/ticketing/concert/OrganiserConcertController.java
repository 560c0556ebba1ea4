package dev.ticketing.concert;

import java.time.Instant;
import java.util.List;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Ids;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.SaleStatus;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organiser's side of the catalogue: concerts, their sale and waiting room, and their
 * dates' seat maps. Organisers only (role {@code ORGANISER}, checked by the security
 * filters for every {@code /api/v1/organiser/**} call: 401 without an access token, 403
 * without the role).
 */
@RestController
@RequestMapping("/api/v1/organiser/concerts")
@Tag(name = "organiser", description = "Running sales: concerts, dates and seat maps (ORGANISER)")
class OrganiserConcertController {

	private final SaleService sales;

	OrganiserConcertController(SaleService sales) {
		this.sales = sales;
	}

	/** Every concert, drafts and closed ones too. */
	@GetMapping
	List<OrganiserConcertView> concerts() {
		return this.sales.concerts().stream().map(OrganiserConcertView::of).toList();
	}

	@GetMapping("/{concertId}")
	OrganiserConcertView concert(@PathVariable String concertId) {
		return OrganiserConcertView.of(this.sales.concert(ConcertId.of(concertId)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Created create(@RequestBody ConcertRequest request) {
		QueueRequest queue = (request.queue() != null) ? request.queue() : QueueRequest.NONE;
		ConcertId id = this.sales.create(NewConcert.of(request.title(), request.venue(), request.timeZone(),
				request.saleOpensAt(), queue.maxActive(), queue.admitPerSecond()));
		return new Created(id.toString(), SaleStatus.DRAFT);
	}

	/** Changes any of the concert's fields and its status; fields left out stay. */
	@PatchMapping("/{concertId}")
	OrganiserConcertView change(@PathVariable String concertId, @RequestBody ConcertChangeRequest request) {
		QueueRequest queue = (request.queue() != null) ? request.queue() : QueueRequest.NONE;
		return OrganiserConcertView.of(this.sales.change(ConcertId.of(concertId),
				ConcertChanges.of(request.title(), request.venue(), request.timeZone(), request.saleOpensAt(),
						queue.maxActive(), queue.admitPerSecond(), request.status())));
	}

	@PostMapping("/{concertId}/dates")
	@ResponseStatus(HttpStatus.CREATED)
	DateCreated addDate(@PathVariable String concertId, @RequestBody DateRequest request) {
		ConcertDate date = this.sales.addDate(ConcertId.of(concertId), request.startsAt(), request.seatMap());
		return new DateCreated(date.id().value(), date.totalSeats());
	}

	/**
	 * Lays the date out anew (start, seats, prices) while none of its seats is held or
	 * sold (409 {@code SEAT_MAP_IN_USE} otherwise); its seats get new ids.
	 */
	@PutMapping("/{concertId}/dates/{concertDateId}")
	DateCreated replaceDate(@PathVariable String concertId, @PathVariable String concertDateId,
			@RequestBody DateRequest request) {
		ConcertDate date = this.sales.replaceDate(ConcertId.of(concertId),
				new ConcertDateId(Ids.number(concertDateId, "concertDateId")), request.startsAt(), request.seatMap());
		return new DateCreated(date.id().value(), date.totalSeats());
	}

	record QueueRequest(Integer maxActive, Double admitPerSecond) {

		static final QueueRequest NONE = new QueueRequest(null, null);

	}

	record ConcertRequest(String title, String venue, String timeZone, Instant saleOpensAt, QueueRequest queue) {
	}

	record ConcertChangeRequest(String title, String venue, String timeZone, Instant saleOpensAt, QueueRequest queue,
			String status) {
	}

	record Created(String concertId, SaleStatus status) {
	}

	record SectionRequest(String name, List<RowRequest> rows) {
	}

	record RowRequest(String label, Integer seats, Long price) {
	}

	record DateRequest(Instant startsAt, List<SectionRequest> sections) {

		SeatMap seatMap() {
			if (this.sections == null) {
				throw InvalidInput.of("INVALID_SEAT_MAP", "sections must not be empty");
			}
			return new SeatMap(this.sections.stream().map((section) -> {
				if (section == null) {
					throw InvalidInput.of("INVALID_SEAT_MAP", "a section must not be null");
				}
				if (section.rows() == null) {
					throw InvalidInput.of("INVALID_SEAT_MAP", "section " + section.name() + " has no rows");
				}
				return new SeatMap.Section(section.name(), section.rows().stream().map((row) -> {
					if (row == null || row.seats() == null || row.price() == null) {
						throw InvalidInput.of("INVALID_SEAT_MAP", "every row needs a label, seats and a price");
					}
					return new SeatMap.Row(row.label(), row.seats(), row.price());
				}).toList());
			}).toList());
		}

	}

	record DateCreated(long concertDateId, int totalSeats) {
	}

	record QueueView(Integer maxActive, Double admitPerSecond) {
	}

	/**
	 * A concert as its organiser sees it.
	 *
	 * @param nextStatuses the statuses its sale may go to from {@code status}, in the
	 * order of a sale; any other is refused (409 {@code ILLEGAL_TRANSITION})
	 */
	record OrganiserConcertView(String concertId, String title, String venue, String timeZone, Instant saleOpensAt,
			SaleStatus status, List<SaleStatus> nextStatuses, QueueView queue) {

		static OrganiserConcertView of(Concert concert) {
			return new OrganiserConcertView(concert.id().toString(), concert.title(), concert.venue(),
					concert.timeZone().getId(), concert.saleOpensAt(), concert.status(), concert.status().next(),
					new QueueView(concert.maxActive(), concert.admitPerSecond()));
		}

	}

}
