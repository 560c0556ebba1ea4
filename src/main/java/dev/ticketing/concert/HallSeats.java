package dev.ticketing.concert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;

import org.springframework.stereotype.Component;

/**
 * A date's hall by section, and each section's seats with their states, as the browse
 * cache holds them: what the hall and section endpoints answer, and where a service that
 * picks seats for a fan reads them, so a burst of such picks costs the database one read
 * a section per cache lifetime and no read of the organiser's hall at all.
 */
@Component
public class HallSeats {

	private final ConcertService concerts;

	private final BrowseCache cache;

	private final Duration staleness;

	/**
	 * The rows of each section and price band asked for, as read from the browse cache,
	 * for at most {@link #staleness()}. Unlike the browse answers they are not dropped
	 * when a seat is held through this instance: in a burst of holds that would read the
	 * hall again for nearly every pick, and a picker knows the seats it has just held
	 * itself.
	 */
	private final Cache<Object, List<SeatRow>> scopes;

	HallSeats(ConcertService concerts, BrowseCache cache, ConcertProperties properties) {
		this.concerts = concerts;
		this.cache = cache;
		this.staleness = properties.browseTtl();
		this.scopes = Caffeine.newBuilder().expireAfterWrite(this.staleness).maximumSize(10_000).build();
	}

	/**
	 * The longest a cached answer lags behind the database
	 * ({@code concert.cache.browse-ttl}): a change made longer ago is in every answer.
	 */
	public Duration staleness() {
		return this.staleness;
	}

	/**
	 * The rows of the section named {@code section}, front to back, as cached at most
	 * {@link #staleness()} ago.
	 * @throws CatalogNotFound if the concert has no such date, or the date no such
	 * section
	 */
	public List<SeatRow> section(ConcertId concert, ConcertDateId date, String section) {
		return this.scopes.get(new SectionScope(concert, date, section), (key) -> readSection(concert, date, section));
	}

	/**
	 * The rows of every section whose seats cost {@code price} (a price band), in the
	 * hall's order, as cached at most {@link #staleness()} ago; none if nothing costs
	 * that.
	 * @throws CatalogNotFound if the concert has no such date
	 */
	public List<SeatRow> priceBand(ConcertId concert, ConcertDateId date, Points price) {
		return this.scopes.get(new BandScope(concert, date, price), (key) -> readPriceBand(concert, date, price));
	}

	private List<SeatRow> readSection(ConcertId concert, ConcertDateId date, String section) {
		for (ConcertController.SectionView view : hallView(concert, date).sections()) {
			if (Objects.equals(view.name(), section)) {
				return List.copyOf(rows(sectionView(concert, date, view)));
			}
		}
		throw CatalogNotFound.section(date, section);
	}

	private List<SeatRow> readPriceBand(ConcertId concert, ConcertDateId date, Points price) {
		List<SeatRow> band = new ArrayList<>();
		for (ConcertController.SectionView view : hallView(concert, date).sections()) {
			if (view.minPrice() <= price.value() && price.value() <= view.maxPrice()) {
				for (SeatRow row : rows(sectionView(concert, date, view))) {
					if (row.price().equals(price)) {
						band.add(row);
					}
				}
			}
		}
		return List.copyOf(band);
	}

	/** The hall by section, through the cache. */
	BrowseCache.Versioned hall(ConcertId concert, ConcertDateId date) {
		return this.cache.hall(concert, date, () -> {
			List<SeatRepository.HallSection> sections = this.concerts.hall(concert, date);
			return new BrowseCache.Expiring(ConcertController.HallView.of(date, sections),
					firstHoldEnds(sections.stream().map(SeatRepository.HallSection::firstHoldEnds)));
		});
	}

	/** One section's rows and states, through the cache. */
	BrowseCache.Versioned section(ConcertId concert, ConcertDateId date, ConcertController.SectionView section) {
		return this.cache.section(concert, date, section.name(), () -> {
			List<SeatRepository.SectionSeat> seats = this.concerts.section(concert, date, section.name());
			return new BrowseCache.Expiring(ConcertController.SectionSeatsView.of(section, seats),
					firstHoldEnds(seats.stream().map(SeatRepository.SectionSeat::heldUntil)));
		});
	}

	/**
	 * The earliest of the moments a cached answer's holds run out (null for none): the
	 * answer is true until then at the latest.
	 */
	static Instant firstHoldEnds(Stream<Instant> holdEnds) {
		return holdEnds.filter(Objects::nonNull).min(Instant::compareTo).orElse(null);
	}

	private ConcertController.HallView hallView(ConcertId concert, ConcertDateId date) {
		return (ConcertController.HallView) hall(concert, date).value();
	}

	private ConcertController.SectionSeatsView sectionView(ConcertId concert, ConcertDateId date,
			ConcertController.SectionView section) {
		return (ConcertController.SectionSeatsView) section(concert, date, section).value();
	}

	private static List<SeatRow> rows(ConcertController.SectionSeatsView view) {
		List<SeatRow> rows = new ArrayList<>(view.rows().size());
		int from = 0;
		for (ConcertController.RowView row : view.rows()) {
			List<SeatId> ids = new ArrayList<>(row.seats());
			for (int i = 0; i < row.seats(); i++) {
				ids.add(new SeatId((row.seatIds() != null) ? row.seatIds().get(i) : row.firstSeatId() + i));
			}
			rows.add(new SeatRow(view.name(), row.label(), Points.of(row.price()), ids,
					view.states().substring(from, from + row.seats())));
			from += row.seats();
		}
		return rows;
	}

	private record SectionScope(ConcertId concert, ConcertDateId date, String section) {
	}

	private record BandScope(ConcertId concert, ConcertDateId date, Points price) {
	}

}
