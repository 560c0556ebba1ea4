package dev.ticketing.concert;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticketing.common.AfterCommit;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ConcertSale;
import dev.ticketing.common.KnownConcerts;
import dev.ticketing.common.Points;
import dev.ticketing.common.SaleStatus;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Browsing the catalogue: concerts on sale, their dates with free-seat counts, and the
 * seats of a date still free to hold; and how each concert is sold, for the queue.
 */
@Service
public class ConcertService implements KnownConcerts {

	/** What fans see: a concert on sale, or one whose sale is paused (its line stays). */
	static final Set<SaleStatus> LISTED = Set.of(SaleStatus.ON_SALE, SaleStatus.PAUSED);

	private final ConcertRepository concerts;

	private final SeatRepository seats;

	private final SaleService sales;

	private final SeatInventory inventory;

	private final Clock clock;

	/**
	 * Every queue call asks (issue, status, admission, each refill): a concert's sale
	 * settings are read at most once per {@code concert.cache.sale-ttl} per instance. A
	 * change through this instance evicts at once; every other instance has it within the
	 * lifetime, with no message to lose. The cache runs on the service's clock, so a test
	 * moves it on instead of sleeping.
	 */
	private final Cache<ConcertId, Optional<ConcertSale>> saleSettings;

	ConcertService(ConcertRepository concerts, SeatRepository seats, SaleService sales, SeatInventory inventory,
			Clock clock, ConcertProperties properties) {
		this.concerts = concerts;
		this.seats = seats;
		this.sales = sales;
		this.inventory = inventory;
		this.clock = clock;
		this.saleSettings = Caffeine.newBuilder()
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfterWrite(properties.saleTtl())
			.maximumSize(10_000)
			.build();
	}

	/** The concerts fans see (on sale or paused), oldest first. */
	public List<Concert> concerts() {
		return this.concerts.findByStatus(LISTED);
	}

	/** The dates of the concerts fans see, each with its price range. */
	List<ConcertRepository.DateSummary> listedDates() {
		return this.concerts.findDateSummaries(LISTED);
	}

	@Override
	public Optional<Instant> saleOpensAt(ConcertId concert) {
		return sale(concert).filter((sale) -> sale.status().visibleToFans()).map(ConcertSale::opensAt);
	}

	@Override
	public Optional<ConcertSale> sale(ConcertId concert) {
		return this.saleSettings.get(concert, (id) -> this.concerts.findById(id).map(Concert::sale));
	}

	/**
	 * @throws dev.ticketing.common.ProblemException 409 {@code SALE_CLOSED} unless the
	 * concert takes holds now (on sale or paused)
	 */
	public void requireTakesHolds(ConcertId concert) {
		sale(concert).map(ConcertSale::status).filter((status) -> !status.takesHolds()).ifPresent((status) -> {
			throw SaleProblems.saleClosed(concert, status);
		});
	}

	/**
	 * The most tickets one fan may have of the concert, live holds and paid ones of all
	 * its dates together, or null for no cap (or an unknown concert). Up to
	 * {@code concert.cache.sale-ttl} old, as the rest of the sale's settings.
	 */
	public Integer ticketsPerFan(ConcertId concert) {
		return sale(concert).map(ConcertSale::ticketsPerFan).orElse(null);
	}

	@AfterCommit(fallbackExecution = true)
	void on(ConcertChanged changed) {
		this.saleSettings.invalidate(changed.concertId());
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
		return availableSeats(concert, date, null);
	}

	/**
	 * As {@link #availableSeats(ConcertId, ConcertDateId)}, only those of {@code section}
	 * unless it is null.
	 */
	public List<Seat> availableSeats(ConcertId concert, ConcertDateId date, String section) {
		requireDate(concert, date);
		return this.seats.findAvailable(concert, date, section, this.clock.instant());
	}

	/** Every seat of the date, each with what it is right now: free, held or sold. */
	List<SeatRepository.MapSeat> seatMap(ConcertId concert, ConcertDateId date) {
		requireDate(concert, date);
		return this.seats.findMap(concert, date, this.clock.instant());
	}

	/**
	 * The date's sections in the hall's order, each with its seats counted as they are
	 * right now.
	 * @throws CatalogNotFound if the date is not one of the concert's
	 */
	List<SeatRepository.HallSection> hall(ConcertId concert, ConcertDateId date) {
		requireDate(concert, date);
		List<SeatRepository.HallSection> hall = this.seats.findHall(date, this.clock.instant());
		// A fan who sees the plan holds a seat next: the date's seats on their way now
		// (after the plan's own query, not competing with it), the hold finds its seat in
		// memory.
		this.inventory.warm(date);
		return hall;
	}

	/**
	 * Every seat of one section of the date (null: seats without a section), each with
	 * what it is right now; empty if the date has no such section. The seats go into the
	 * inventory's catalogue too: a fan holds a seat of the section they just opened, and
	 * finds it there instead of waiting for the whole date's seats to load; the rest of
	 * the date's seats follow in the background.
	 */
	List<SeatRepository.SectionSeat> section(ConcertId concert, ConcertDateId date, String section) {
		List<SeatRepository.SectionSeat> found = this.seats.findSection(concert, date, section, this.clock.instant());
		this.inventory.remember(found.stream().map(SeatRepository.SectionSeat::seat).toList());
		this.inventory.warm(date);
		return found;
	}

	/**
	 * Where each of the seats is and what it is for (hall, date, concert), read in one
	 * query however many they are; a seat laid out anew since is not in the answer.
	 */
	public Map<SeatId, SeatPlace> places(Collection<SeatId> seats) {
		return this.seats.findPlaces(seats)
			.stream()
			.collect(Collectors.toUnmodifiableMap(SeatPlace::seatId, Function.identity()));
	}

	/**
	 * How each section of each of the concert's dates sells right now.
	 * @throws CatalogNotFound for an unknown concert
	 */
	public List<SectionSales> sales(ConcertId concert) {
		if (!this.concerts.exists(concert)) {
			throw CatalogNotFound.concert(concert);
		}
		return this.seats.countBySection(concert, this.clock.instant());
	}

	/** When the date starts, if there is such a date. */
	public Optional<Instant> startsAt(ConcertDateId date) {
		return this.concerts.startsAt(date);
	}

	private void requireDate(ConcertId concert, ConcertDateId date) {
		if (!this.concerts.dateBelongsTo(date, concert)) {
			throw CatalogNotFound.date(concert, date);
		}
	}

	/**
	 * Puts a concert on sale at once with its dates, each with {@code seatsPerDate} seats
	 * numbered from 1 at {@code price} in one section of one row, through the organiser's
	 * own steps. For tests and small demos.
	 */
	@Transactional
	public ConcertId addConcert(String title, String venue, List<Instant> dates, int seatsPerDate, Points price) {
		return addConcert(title, venue, dates, SeatMap.spread(1, 1, seatsPerDate, price), null);
	}

	/**
	 * Puts a concert on sale with its dates, each laid out as {@code map}, through the
	 * organiser's own steps (create, add dates, put on sale): the demo data and the
	 * {@code seed} command create concerts only this way. Users who queue before
	 * {@code saleOpensAt} (null: open at once) are shuffled at the opening.
	 */
	@Transactional
	public ConcertId addConcert(String title, String venue, List<Instant> dates, SeatMap map, Instant saleOpensAt) {
		ConcertId id = this.sales
			.create(new NewConcert(title, venue, java.time.ZoneId.of("UTC"), saleOpensAt, null, null));
		for (Instant startsAt : dates) {
			this.sales.addDate(id, startsAt, map);
		}
		this.sales.change(id, ConcertChanges.status(SaleStatus.ON_SALE));
		return id;
	}

}
