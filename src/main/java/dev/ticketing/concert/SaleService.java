package dev.ticketing.concert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.PrivilegedActionTaken;
import dev.ticketing.common.SaleStatus;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Setting up and running a concert's sale: the one way a concert, its dates and its seats
 * come to exist, for the organiser's API, the demo data and the {@code seed} command
 * alike.
 */
@Service
public class SaleService {

	private final ConcertRepository concerts;

	private final SeatRepository seats;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	SaleService(ConcertRepository concerts, SeatRepository seats, ApplicationEventPublisher events, Clock clock) {
		this.concerts = concerts;
		this.seats = seats;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Creates the concert as a DRAFT, invisible to fans until it goes on sale.
	 * @throws dev.ticketing.common.InvalidInput 400 {@code SALE_OPENS_IN_PAST} if the
	 * sale would open before now
	 */
	@Transactional
	public ConcertId create(NewConcert concert) {
		Instant now = this.clock.instant();
		if (concert.saleOpensAt() != null && concert.saleOpensAt().isBefore(now)) {
			throw SaleProblems.opensInThePast();
		}
		ConcertId id = new ConcertId(UUID.randomUUID());
		this.concerts.insertConcert(id, concert, SaleStatus.DRAFT, now);
		this.events.publishEvent(new ConcertChanged(id));
		this.events.publishEvent(PrivilegedActionTaken.of("CONCERT_CREATED", id, "title", concert.title(), "venue",
				concert.venue(), "timeZone", concert.timeZone().getId(), "saleOpensAt", concert.saleOpensAt(),
				"maxActive", concert.maxActive(), "admitPerSecond", concert.admitPerSecond(), "ticketsPerFan",
				concert.ticketsPerFan()));
		return id;
	}

	/**
	 * Changes the concert's details and, if {@code changes} names one, its status; all or
	 * nothing. A status change is one conditional UPDATE from the statuses that may reach
	 * the new one, so two organisers changing it at once cannot both pass through an
	 * illegal step. Asking for the status the concert has changes nothing.
	 * @throws CatalogNotFound 404 for an unknown concert
	 * @throws dev.ticketing.common.ProblemException 409 {@code ILLEGAL_TRANSITION}
	 */
	@Transactional
	public Concert change(ConcertId id, ConcertChanges changes) {
		Concert current = this.concerts.findById(id).orElseThrow(() -> CatalogNotFound.concert(id));
		if (changes.changesDetails()) {
			this.concerts.updateDetails(id, changes);
		}
		SaleStatus next = changes.status();
		if (next != null && next != current.status() && !this.concerts.changeStatus(id, next)) {
			SaleStatus now = this.concerts.findById(id).map(Concert::status).orElse(current.status());
			if (now != next) {
				throw SaleProblems.illegalTransition(id, now, next);
			}
		}
		this.events.publishEvent(new ConcertChanged(id));
		Concert changed = this.concerts.findById(id).orElseThrow();
		if (changed.status() != current.status()) {
			this.events.publishEvent(new SaleStatusChanged(id, current.status(), changed.status()));
		}
		Map<String, Object> differences = differences(current, changed);
		if (!differences.isEmpty()) {
			this.events.publishEvent(new PrivilegedActionTaken("CONCERT_CHANGED", id.toString(), differences));
		}
		return changed;
	}

	/** What differs between the concert before and after a change, each from → to. */
	private static Map<String, Object> differences(Concert before, Concert after) {
		Map<String, Object> differences = new LinkedHashMap<>();
		difference(differences, "title", before.title(), after.title());
		difference(differences, "venue", before.venue(), after.venue());
		difference(differences, "timeZone", before.timeZone(), after.timeZone());
		difference(differences, "saleOpensAt", before.saleOpensAt(), after.saleOpensAt());
		difference(differences, "status", before.status(), after.status());
		difference(differences, "maxActive", before.maxActive(), after.maxActive());
		difference(differences, "admitPerSecond", before.admitPerSecond(), after.admitPerSecond());
		difference(differences, "ticketsPerFan", before.ticketsPerFan(), after.ticketsPerFan());
		difference(differences, "joinChallenge", before.joinChallenge(), after.joinChallenge());
		return differences;
	}

	private static void difference(Map<String, Object> differences, String name, Object before, Object after) {
		if (!Objects.equals(before, after)) {
			differences.put(name, PrivilegedActionTaken.change(before, after));
		}
	}

	/**
	 * Adds a date with its seat map; every seat is free.
	 * @throws CatalogNotFound 404 for an unknown concert
	 */
	@Transactional
	public ConcertDate addDate(ConcertId concert, Instant startsAt, SeatMap map) {
		if (startsAt == null) {
			throw SaleProblems.startsAtRequired();
		}
		ZoneId zone = this.concerts.findById(concert)
			.map(Concert::timeZone)
			.orElseThrow(() -> CatalogNotFound.concert(concert));
		ConcertDateId date = this.concerts.insertDate(concert, startsAt, map);
		this.seats.insertSeats(date, map);
		this.events.publishEvent(new ConcertChanged(concert));
		this.events.publishEvent(PrivilegedActionTaken.of("DATE_ADDED", concert, "concertDateId", date.value(),
				"startsAt", startsAt, "totalSeats", map.totalSeats()));
		return new ConcertDate(date, concert, startsAt, map.totalSeats(), map.totalSeats(), zone);
	}

	/**
	 * Lays the date out anew (its start, seats and prices), while none of its seats is
	 * held or sold: the seats get new ids.
	 * @throws CatalogNotFound 404 for a date that is not the concert's
	 * @throws dev.ticketing.common.ProblemException 409 {@code SEAT_MAP_IN_USE} if a seat
	 * is held or sold; nothing changed
	 */
	@Transactional
	public ConcertDate replaceDate(ConcertId concert, ConcertDateId date, Instant startsAt, SeatMap map) {
		if (startsAt == null) {
			throw SaleProblems.startsAtRequired();
		}
		if (!this.concerts.dateBelongsTo(date, concert)) {
			throw CatalogNotFound.date(concert, date);
		}
		if (!this.seats.removeAllIfFree(date, this.clock.instant())) {
			throw SaleProblems.seatMapInUse(date);
		}
		this.concerts.updateDate(date, startsAt, map);
		this.seats.insertSeats(date, map);
		this.events.publishEvent(new SeatMapChanged(date));
		this.events.publishEvent(new SeatAvailabilityChanged(date));
		this.events.publishEvent(new ConcertChanged(concert));
		this.events.publishEvent(PrivilegedActionTaken.of("DATE_REPLACED", concert, "concertDateId", date.value(),
				"startsAt", startsAt, "totalSeats", map.totalSeats()));
		ZoneId zone = this.concerts.findById(concert).orElseThrow().timeZone();
		return new ConcertDate(date, concert, startsAt, map.totalSeats(), map.totalSeats(), zone);
	}

	/** Every concert, drafts and closed ones too, oldest first. */
	public List<Concert> concerts() {
		return this.concerts.findAll();
	}

	/**
	 * @throws CatalogNotFound 404 for an unknown concert
	 */
	public Concert concert(ConcertId id) {
		return this.concerts.findById(id).orElseThrow(() -> CatalogNotFound.concert(id));
	}

}
