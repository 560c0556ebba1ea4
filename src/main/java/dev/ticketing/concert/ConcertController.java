package dev.ticketing.concert;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Ids;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/concerts")
class ConcertController {

	private final ConcertService concerts;

	private final BrowseCache cache;

	ConcertController(ConcertService concerts, BrowseCache cache) {
		this.concerts = concerts;
		this.cache = cache;
	}

	@GetMapping
	ResponseEntity<byte[]> concerts() {
		return json(this.cache.concerts(() -> this.concerts.concerts().stream().map(ConcertView::of).toList()));
	}

	@GetMapping("/{concertId}/dates")
	ResponseEntity<byte[]> dates(@PathVariable String concertId, Admission admission) {
		ConcertId concert = ConcertId.of(concertId);
		admission.requireConcert(concert);
		return json(this.cache.dates(concert, () -> this.concerts.dates(concert).stream().map(DateView::of).toList()));
	}

	@GetMapping("/{concertId}/dates/{concertDateId}/seats")
	ResponseEntity<byte[]> seats(@PathVariable String concertId, @PathVariable String concertDateId,
			Admission admission) {
		ConcertId concert = ConcertId.of(concertId);
		ConcertDateId date = new ConcertDateId(Ids.number(concertDateId, "concertDateId"));
		admission.requireConcert(concert);
		return json(this.cache.seats(concert, date,
				() -> this.concerts.availableSeats(concert, date).stream().map(SeatView::of).toList()));
	}

	private static ResponseEntity<byte[]> json(byte[] body) {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	record ConcertView(String concertId, String title, String venue) {

		static ConcertView of(Concert concert) {
			return new ConcertView(concert.id().toString(), concert.title(), concert.venue());
		}

	}

	record DateView(long concertDateId, LocalDate date, Instant startsAt, int totalSeats, int availableSeats) {

		static DateView of(ConcertDate date) {
			return new DateView(date.id().value(), LocalDate.ofInstant(date.startsAt(), ZoneOffset.UTC),
					date.startsAt(), date.totalSeats(), date.availableSeats());
		}

	}

	record SeatView(long seatId, int seatNumber, long price, String status) {

		static SeatView of(Seat seat) {
			return new SeatView(seat.id().value(), seat.number(), seat.price().value(), "AVAILABLE");
		}

	}

}
