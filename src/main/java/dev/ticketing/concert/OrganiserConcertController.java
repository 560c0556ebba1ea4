package dev.ticketing.concert;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Ids;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.SaleStatus;

import io.swagger.v3.oas.annotations.media.Schema;
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
				request.saleOpensAt(), queue.maxActive(), queue.admitPerSecond(), request.ticketsPerFan()));
		return new Created(id.toString(), SaleStatus.DRAFT);
	}

	/**
	 * Changes any of the concert's fields and its status, as a JSON merge patch: members
	 * left out stay, and {@code saleOpensAt}, {@code queue.maxActive},
	 * {@code queue.admitPerSecond} and {@code ticketsPerFan} sent as null are taken away
	 * (the sale then opens when it goes on sale; the waiting room follows the service's
	 * settings; fans may have any number of tickets). {@code joinChallenge: true} makes
	 * joining the line cost a solved proof-of-work challenge; null leaves it as it is.
	 */
	@PatchMapping("/{concertId}")
	OrganiserConcertView change(@PathVariable String concertId, @RequestBody ConcertChangeRequest request) {
		QueueChange queue = (request.getQueue() != null) ? request.getQueue() : new QueueChange();
		Set<ConcertChanges.Removable> removed = EnumSet.noneOf(ConcertChanges.Removable.class);
		if (request.saleOpensAtRemoved) {
			removed.add(ConcertChanges.Removable.SALE_OPENS_AT);
		}
		if (queue.maxActiveRemoved) {
			removed.add(ConcertChanges.Removable.MAX_ACTIVE);
		}
		if (queue.admitPerSecondRemoved) {
			removed.add(ConcertChanges.Removable.ADMIT_PER_SECOND);
		}
		if (request.ticketsPerFanRemoved) {
			removed.add(ConcertChanges.Removable.TICKETS_PER_FAN);
		}
		return OrganiserConcertView.of(this.sales.change(ConcertId.of(concertId),
				ConcertChanges.of(request.getTitle(), request.getVenue(), request.getTimeZone(),
						request.getSaleOpensAt(), queue.getMaxActive(), queue.getAdmitPerSecond(),
						request.getTicketsPerFan(), request.getJoinChallenge(), request.getStatus(), removed)));
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

	/**
	 * A concert to create.
	 *
	 * @param ticketsPerFan the most tickets one fan may hold and have paid for, all dates
	 * together; null or left out: no cap
	 */
	record ConcertRequest(String title, String venue, String timeZone, Instant saleOpensAt, QueueRequest queue,
			Integer ticketsPerFan) {
	}

	/**
	 * A merge patch of a concert: a class, not a record, so that a member sent as null
	 * can be told from one left out.
	 */
	static final class ConcertChangeRequest {

		private String title;

		private String venue;

		private String timeZone;

		private Instant saleOpensAt;

		private boolean saleOpensAtRemoved;

		private QueueChange queue;

		private Integer ticketsPerFan;

		private boolean ticketsPerFanRemoved;

		private Boolean joinChallenge;

		private String status;

		public String getTitle() {
			return this.title;
		}

		public void setTitle(String title) {
			this.title = title;
		}

		public String getVenue() {
			return this.venue;
		}

		public void setVenue(String venue) {
			this.venue = venue;
		}

		public String getTimeZone() {
			return this.timeZone;
		}

		public void setTimeZone(String timeZone) {
			this.timeZone = timeZone;
		}

		@Schema(nullable = true, description = "null: the sale opens when the concert goes on sale")
		public Instant getSaleOpensAt() {
			return this.saleOpensAt;
		}

		public void setSaleOpensAt(Instant saleOpensAt) {
			this.saleOpensAt = saleOpensAt;
			this.saleOpensAtRemoved = (saleOpensAt == null);
		}

		public QueueChange getQueue() {
			return this.queue;
		}

		public void setQueue(QueueChange queue) {
			this.queue = queue;
		}

		@Schema(nullable = true,
				description = "The most tickets one fan may hold and have paid for, all dates together; null: no cap")
		public Integer getTicketsPerFan() {
			return this.ticketsPerFan;
		}

		public void setTicketsPerFan(Integer ticketsPerFan) {
			this.ticketsPerFan = ticketsPerFan;
			this.ticketsPerFanRemoved = (ticketsPerFan == null);
		}

		@Schema(nullable = true, description = "Whether joining the line needs a solved proof-of-work challenge (GET "
				+ "/api/v1/queue/concerts/{concertId}/users/{userId}/challenge)")
		public Boolean getJoinChallenge() {
			return this.joinChallenge;
		}

		public void setJoinChallenge(Boolean joinChallenge) {
			this.joinChallenge = joinChallenge;
		}

		public String getStatus() {
			return this.status;
		}

		public void setStatus(String status) {
			this.status = status;
		}

	}

	/** A merge patch of the concert's waiting room, as {@link ConcertChangeRequest}. */
	static final class QueueChange {

		private Integer maxActive;

		private boolean maxActiveRemoved;

		private Double admitPerSecond;

		private boolean admitPerSecondRemoved;

		@Schema(nullable = true, description = "null: the service's concert.queue.max-active")
		public Integer getMaxActive() {
			return this.maxActive;
		}

		public void setMaxActive(Integer maxActive) {
			this.maxActive = maxActive;
			this.maxActiveRemoved = (maxActive == null);
		}

		@Schema(nullable = true, description = "null: the service's concert.queue.admit-per-second")
		public Double getAdmitPerSecond() {
			return this.admitPerSecond;
		}

		public void setAdmitPerSecond(Double admitPerSecond) {
			this.admitPerSecond = admitPerSecond;
			this.admitPerSecondRemoved = (admitPerSecond == null);
		}

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
	 * @param ticketsPerFan the most tickets one fan may have of the concert, or null for
	 * no cap
	 */
	record OrganiserConcertView(String concertId, String title, String venue, String timeZone, Instant saleOpensAt,
			SaleStatus status, List<SaleStatus> nextStatuses, QueueView queue,
			@Schema(nullable = true) Integer ticketsPerFan, boolean joinChallenge) {

		static OrganiserConcertView of(Concert concert) {
			return new OrganiserConcertView(concert.id().toString(), concert.title(), concert.venue(),
					concert.timeZone().getId(), concert.saleOpensAt(), concert.status(), concert.status().next(),
					new QueueView(concert.maxActive(), concert.admitPerSecond()), concert.ticketsPerFan(),
					concert.joinChallenge());
		}

	}

}
