package dev.ticketing.waitlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.CatalogNotFound;
import dev.ticketing.concert.ConcertDate;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatInventory;
import dev.ticketing.reservation.ReservationId;
import dev.ticketing.reservation.ReservationProblems;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.reservation.WaitingFan;
import dev.ticketing.reservation.WaitingList;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The waiting lists of sold-out dates. A fan joins a date's list only while none of its
 * seats is free; from then on the date's released seats are kept for the list (its gate,
 * {@link SeatInventory#lockReleases}, is open exactly while someone waits) and the
 * reservation module hands each to the first fan inside the transaction that releases it
 * ({@link WaitingList}). Joining, leaving and every offer take the date's gate lock
 * first, so each sees what the others committed.
 */
@Service
public class WaitingListService implements WaitingList {

	/** The fan's list of places is their latest, not all ever. */
	private static final int LATEST = 50;

	private final WaitingFanRepository places;

	private final SeatInventory seats;

	private final ConcertService concerts;

	private final ReservationService reservations;

	private final Clock clock;

	private final Duration offerDuration;

	WaitingListService(WaitingFanRepository places, SeatInventory seats, ConcertService concerts,
			ReservationService reservations, Clock clock, WaitlistProperties properties, MeterRegistry meters) {
		this.places = places;
		Gauge.builder("concert.waitlist.waiting", places, WaitingFanRepository::waitingTotal)
			.description("Fans waiting on the waiting lists of sold-out dates, all dates together")
			.register(meters);
		this.seats = seats;
		this.concerts = concerts;
		this.reservations = reservations;
		this.clock = clock;
		this.offerDuration = properties.offerDuration();
	}

	/**
	 * Puts the fan at the end of the date's waiting list.
	 * @throws CatalogNotFound 404 if the date is not one of the concert's
	 * @throws dev.ticketing.common.ProblemException 409 {@code NOT_SOLD_OUT} while a seat
	 * of the date is free, 409 {@code ALREADY_WAITING} if the fan waits there already,
	 * 409 {@code TICKET_LIMIT} if the fan has as many tickets of the concert as a fan
	 * may, 409 {@code SALE_CLOSED} if the concert's sale is closed
	 */
	@Transactional
	public Place join(UserId fan, ConcertId concert, ConcertDateId date) {
		ConcertDate chosen = this.concerts.dates(concert)
			.stream()
			.filter((d) -> d.id().equals(date))
			.findFirst()
			.orElseThrow(() -> CatalogNotFound.date(concert, date));
		if (chosen.availableSeats() > 0) {
			// Turned away before taking the date's gate, which every release of the date
			// needs too; the count under the gate below decides.
			throw WaitingListProblems.notSoldOut(date);
		}
		this.concerts.requireTakesHolds(concert);
		Integer ticketsPerFan = this.concerts.ticketsPerFan(concert);
		if (ticketsPerFan != null && this.reservations.tickets(fan, concert) >= ticketsPerFan) {
			throw ReservationProblems.ticketLimit(ticketsPerFan);
		}
		boolean kept = this.seats.lockReleases(date);
		Instant now = this.clock.instant();
		// Counted under the gate: a seat released meanwhile either committed before (and
		// is counted free here) or waits for this join and then finds the fan waiting.
		if (this.seats.freeSeats(date, now) > 0) {
			throw WaitingListProblems.notSoldOut(date);
		}
		if (this.places.waitingPlace(date, fan).isPresent()) {
			throw WaitingListProblems.alreadyWaiting(date);
		}
		long id;
		try {
			id = this.places.insert(concert, date, fan, now);
		}
		catch (DuplicateKeyException ex) {
			throw WaitingListProblems.alreadyWaiting(date);
		}
		if (!kept) {
			this.seats.keepReleasesForWaitingList(date, true);
		}
		return this.places.waitingPlace(date, fan).filter((p) -> p.id() == id).orElseThrow();
	}

	/**
	 * Takes the fan off the date's waiting list.
	 * @throws dev.ticketing.common.ProblemException 404 {@code NOT_WAITING} if they were
	 * not waiting there (a fan offered a seat gives it up by cancelling its hold)
	 */
	@Transactional
	public void leave(UserId fan, ConcertDateId date) {
		this.seats.lockReleases(date);
		if (!this.places.leave(date, fan, this.clock.instant())) {
			throw WaitingListProblems.notWaiting(date);
		}
		shutIfNobodyWaits(date);
	}

	/** The fan's latest places on waiting lists, newest first. */
	public List<Place> places(UserId fan) {
		return this.places.latest(fan, LATEST);
	}

	/** The place's position on its list, 1 for the next fan; 0 unless it is waiting. */
	public int position(Place place) {
		return (place.status() == Place.Status.WAITING) ? this.places.position(place) : 0;
	}

	@Override
	public Optional<WaitingFan> first(ConcertDateId date, UserId releasing) {
		return this.places.first(date, releasing)
			.map((p) -> new WaitingFan(p.id(), p.date(), p.fan(), this.offerDuration));
	}

	@Override
	public void offered(WaitingFan fan, ReservationId hold, SeatId seat, Instant until) {
		if (!this.places.offered(fan.place(), hold, seat, until)) {
			throw new IllegalStateException("Place " + fan.place() + " is no longer waiting");
		}
		shutIfNobodyWaits(fan.date());
	}

	@Override
	public void passedOver(WaitingFan fan, String reason) {
		this.places.passedOver(fan.place(), reason, this.clock.instant());
		shutIfNobodyWaits(fan.date());
	}

	/**
	 * Puts the date's released seats back on sale once nobody waits (the caller holds the
	 * gate): a hold that runs out there is then free to anyone at once again.
	 */
	private void shutIfNobodyWaits(ConcertDateId date) {
		if (this.places.waiting(date) == 0) {
			this.seats.keepReleasesForWaitingList(date, false);
		}
	}

}
