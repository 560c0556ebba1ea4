package dev.ticketing.concert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.KnownConcerts;
import dev.ticketing.common.Points;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Browsing the catalogue: concerts, their dates with free-seat counts, and the seats of a
 * date still free to hold.
 */
@Service
public class ConcertService implements KnownConcerts {

	private final ConcertRepository concerts;

	private final SeatRepository seats;

	private final Clock clock;

	/**
	 * Every token issue asks; concerts are few and their opening rarely changes, so the
	 * answer may be a few seconds old.
	 */
	private final Cache<ConcertId, Optional<Instant>> saleOpenings = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(5))
		.maximumSize(10_000)
		.build();

	ConcertService(ConcertRepository concerts, SeatRepository seats, Clock clock) {
		this.concerts = concerts;
		this.seats = seats;
		this.clock = clock;
	}

	public List<Concert> concerts() {
		return this.concerts.findAll();
	}

	@Override
	public Optional<Instant> saleOpensAt(ConcertId concert) {
		return this.saleOpenings.get(concert, this.concerts::saleOpensAt);
	}

	/**
	 * The concert's dates, each with the number of seats free right now.
	 * @throws CatalogNotFound if the concert does not exist
	 */
	public List<ConcertDate> dates(ConcertId concert) {
		List<ConcertDate> dates = this.concerts.findDates(concert, this.clock.instant());
		if (dates.isEmpty() && !this.concerts.exists(concert)) {
			throw CatalogNotFound.concert(concert);
		}
		return dates;
	}

	/**
	 * Seats of the date that can be held right now, in seat-number order.
	 * @throws CatalogNotFound if the date is not one of the concert's
	 */
	public List<Seat> availableSeats(ConcertId concert, ConcertDateId date) {
		if (!this.concerts.dateBelongsTo(date, concert)) {
			throw CatalogNotFound.date(concert, date);
		}
		return this.seats.findAvailable(concert, date, this.clock.instant());
	}

	/**
	 * Adds a concert with its dates, each with {@code seatsPerDate} seats numbered from 1
	 * at {@code price}. Used by demo data and the {@code seed} command.
	 */
	@Transactional
	public ConcertId addConcert(String title, String venue, List<Instant> dates, int seatsPerDate, Points price) {
		return addConcert(title, venue, dates, seatsPerDate, price, null);
	}

	/**
	 * As {@link #addConcert(String, String, List, int, Points)}, with the sale opening at
	 * {@code saleOpensAt}: users who queue before it are shuffled at the opening.
	 */
	@Transactional
	public ConcertId addConcert(String title, String venue, List<Instant> dates, int seatsPerDate, Points price,
			Instant saleOpensAt) {
		ConcertId id = new ConcertId(UUID.randomUUID());
		this.concerts.insertConcert(id, title, venue, saleOpensAt, this.clock.instant());
		for (Instant startsAt : dates) {
			ConcertDateId date = this.concerts.insertDate(id, startsAt, seatsPerDate);
			this.seats.insertSeats(date, seatsPerDate, price);
		}
		return id;
	}

}
