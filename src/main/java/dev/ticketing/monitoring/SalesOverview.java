package dev.ticketing.monitoring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticketing.common.ConcertId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SectionSales;
import dev.ticketing.queue.QueueService;
import dev.ticketing.queue.QueueSize;
import dev.ticketing.reservation.ReservationService;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * How a concert sells, for its organisers (role {@code ORGANISER}, checked by the
 * security filters): per date and section the seats in all, free, held, sold and refunded
 * and the revenue; and the line, as the queue's size reads. Built from what the
 * database's indexes and the queue already know, at most once per {@link #FRESHNESS} per
 * concert and instance however many organisers watch (single-flight), so watching a sale
 * costs it nothing.
 */
@RestController
@Tag(name = "organiser", description = "Running sales: concerts, dates and seat maps (ORGANISER)")
class SalesOverview {

	/** How old an overview may be. */
	static final Duration FRESHNESS = Duration.ofSeconds(2);

	/** Admissions per minute are measured over about this long. */
	private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

	private final ConcertService concerts;

	private final ReservationService reservations;

	private final QueueService queue;

	private final Clock clock;

	private final Cache<ConcertId, Overview> overviews;

	/** The oldest admissions count kept per concert, to take a rate against. */
	private final Map<ConcertId, Sample> samples = new ConcurrentHashMap<>();

	SalesOverview(ConcertService concerts, ReservationService reservations, QueueService queue, Clock clock) {
		this.concerts = concerts;
		this.reservations = reservations;
		this.queue = queue;
		this.clock = clock;
		this.overviews = Caffeine.newBuilder()
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfterWrite(FRESHNESS)
			.maximumSize(1_000)
			.build();
	}

	@GetMapping("/api/v1/organiser/concerts/{concertId}/sales")
	Overview sales(@PathVariable String concertId) {
		ConcertId concert = ConcertId.of(concertId);
		return this.overviews.get(concert, this::overview);
	}

	private Overview overview(ConcertId concert) {
		List<SectionSales> sections = this.concerts.sales(concert);
		Map<String, Integer> refunds = this.reservations.refundsBySection(concert);
		Map<ConcertDateId, DateSales> dates = new LinkedHashMap<>();
		for (SectionSales s : sections) {
			DateSales date = dates.computeIfAbsent(s.date(),
					(id) -> new DateSales(id.value(), s.startsAt(), new ArrayList<>()));
			date.sections()
				.add(new SectionView(s.section(), s.total(), s.available(), s.held(), s.sold(),
						refunds.getOrDefault(ReservationService.sectionKey(s.date(), s.section()), 0),
						s.revenue().value()));
		}
		Instant now = this.clock.instant();
		QueueSize size = this.queue.size(concert);
		return new Overview(concert.toString(), now, List.copyOf(dates.values()),
				new Line(size.waiting(), size.active(), size.admissions(), admissionsPerMinute(concert, size, now),
						(size.waited() > 0) ? size.waitedMillis() / 1000.0 / size.waited() : null));
	}

	/**
	 * Admissions since the kept sample, per minute; the sample moves on once it is older
	 * than the window. Null until there are two samples a second apart.
	 */
	private Double admissionsPerMinute(ConcertId concert, QueueSize size, Instant now) {
		Sample kept = this.samples.compute(concert,
				(id, old) -> (old == null || old.at().plus(RATE_WINDOW).isBefore(now))
						? new Sample(now, size.admissions()) : old);
		long millis = Duration.between(kept.at(), now).toMillis();
		if (millis < 1_000) {
			return null;
		}
		return (size.admissions() - kept.admissions()) * 60_000.0 / millis;
	}

	private record Sample(Instant at, long admissions) {
	}

	record Overview(String concertId, Instant at, List<DateSales> dates, Line line) {
	}

	record DateSales(long concertDateId, Instant startsAt, List<SectionView> sections) {
	}

	record SectionView(String section, int total, int available, int held, int sold, int refunded, long revenue) {
	}

	/**
	 * @param meanWaitSeconds the mean time from entering the line to admission of those
	 * admitted (the line keeps sums, not a distribution; null before any admission)
	 */
	record Line(long waiting, long active, long admissions, Double admissionsPerMinute, Double meanWaitSeconds) {
	}

}
