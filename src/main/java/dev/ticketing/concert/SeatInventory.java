package dev.ticketing.concert;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ticketing.common.AfterCommit;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * The seats' status, changed only here and only by conditional statements, so that a seat
 * is never held or sold twice whatever runs concurrently. Callers run these inside their
 * own transaction: a hold, the reservation that records it and a sale with its payment
 * commit or roll back together.
 */
@Service
public class SeatInventory {

	private static final Logger log = LoggerFactory.getLogger(SeatInventory.class);

	private final SeatRepository seats;

	/**
	 * Where each seat is and what it costs never changes, so lookups are served from
	 * memory after the first.
	 */
	private final Cache<SeatId, Optional<Seat>> catalogue = Caffeine.newBuilder().maximumSize(200_000).build();

	/**
	 * Dates whose seats are all in the catalogue: a date's seats are loaded in one query
	 * (once, however many ask at the same time), instead of a query for each seat while a
	 * sale opens, when a thousand first holds arrive at once.
	 */
	private final Cache<ConcertDateId, Boolean> loadedDates = Caffeine.newBuilder().maximumSize(10_000).build();

	/** Dates whose seats are being loaded in the background ({@link #warm}). */
	private final Set<ConcertDateId> warming = ConcurrentHashMap.newKeySet();

	private final ApplicationEventPublisher events;

	SeatInventory(SeatRepository seats, ApplicationEventPublisher events) {
		this.seats = seats;
		this.events = events;
	}

	/**
	 * The seat, if it is one of that concert date's.
	 * @throws CatalogNotFound otherwise
	 */
	public Seat seat(ConcertId concert, ConcertDateId date, SeatId seat) {
		Optional<Seat> found = this.catalogue.getIfPresent(seat);
		if (found == null) {
			if (!this.warming.contains(date)) {
				this.loadedDates.get(date, this::load);
			}
			// Not among the date's seats (another date's, or none), evicted since, or
			// the date's seats still on their way: this seat alone, by its key, not
			// waiting for all of them.
			found = this.catalogue.get(seat, this.seats::find);
		}
		return found.filter((s) -> s.belongsTo(concert, date)).orElseThrow(() -> CatalogNotFound.seat(seat));
	}

	/**
	 * The seat wherever it is, if it still exists (a seat map laid out anew has new
	 * seats).
	 */
	public Optional<Seat> find(SeatId seat) {
		Optional<Seat> found = this.catalogue.getIfPresent(seat);
		return (found != null) ? found : this.catalogue.get(seat, this.seats::find);
	}

	/**
	 * Seats just read with their places and prices (a section a fan opened): their holds
	 * find them here. Where a seat is and what it costs never changes; a seat map laid
	 * out anew has new ids.
	 */
	void remember(Collection<Seat> seats) {
		for (Seat seat : seats) {
			this.catalogue.put(seat.id(), Optional.of(seat));
		}
	}

	/**
	 * Loads the date's seats into the catalogue in the background, if they are not there
	 * yet: called when the date's hall or a section of it is read, so that the date's
	 * first hold on this instance, seconds later, finds its seat in memory instead of
	 * waiting while the whole date loads (50,000 seats: hundreds of milliseconds on a
	 * busy machine). A hold meanwhile looks its seat up alone. If the load fails, the
	 * next lookup loads the date itself.
	 */
	void warm(ConcertDateId date) {
		if (this.loadedDates.getIfPresent(date) != null || !this.warming.add(date)) {
			return;
		}
		Thread.ofVirtual().name("seat-catalogue-" + date.value()).start(() -> {
			try {
				this.loadedDates.get(date, this::load);
			}
			catch (DataAccessException ex) {
				log.debug("Seats of date {} not loaded ahead; its first lookup loads them", date.value(), ex);
			}
			finally {
				this.warming.remove(date);
			}
		});
	}

	/** Whether all the date's seats are in the catalogue. */
	boolean hasLoaded(ConcertDateId date) {
		return this.loadedDates.getIfPresent(date) != null;
	}

	private Boolean load(ConcertDateId date) {
		for (Seat seat : this.seats.findAll(date)) {
			this.catalogue.put(seat.id(), Optional.of(seat));
		}
		return Boolean.TRUE;
	}

	/**
	 * The date's seats were laid out anew on this instance: load its new seats with the
	 * next lookup. Other instances find each new seat with a query of its own, and refuse
	 * the old ones at the database, where they are gone.
	 */
	@AfterCommit
	void on(SeatMapChanged changed) {
		this.loadedDates.invalidate(changed.concertDateId());
	}

	/**
	 * Holds the seat for {@code reservation} until {@code until} if it is free at
	 * {@code now}.
	 * @return the seat held, with its price
	 * @throws CatalogNotFound if the seat is not one of that concert date's
	 * @throws SeatUnavailable if someone else holds it or it is sold
	 */
	public Seat hold(ConcertId concert, ConcertDateId date, SeatId seat, UserId holder, UUID reservation, Instant now,
			Instant until) {
		Seat found = seat(concert, date, seat);
		if (!this.seats.hold(seat, holder, reservation, now, until)) {
			throw SeatUnavailable.forSeat(seat);
		}
		this.events.publishEvent(new SeatAvailabilityChanged(date));
		return found;
	}

	/**
	 * Marks the seat sold to the holder of {@code reservation}.
	 * @return false if that hold has expired or been taken over, in which case nothing
	 * changed
	 */
	public boolean sell(SeatId seat, UUID reservation, Instant now) {
		boolean sold = this.seats.sell(seat, reservation, now);
		if (sold) {
			// Nothing came free, but the seat map no longer says held: sold.
			changed(seat);
		}
		return sold;
	}

	/**
	 * Frees the seat if it is still held for {@code reservation}.
	 */
	public boolean release(SeatId seat, UUID reservation) {
		boolean released = this.seats.release(seat, reservation);
		if (released) {
			changed(seat);
		}
		return released;
	}

	/**
	 * Puts a seat sold for {@code reservation} on sale again (its payment was refunded).
	 * @return false if the seat is not sold for that reservation; nothing changed
	 */
	public boolean resell(SeatId seat, UUID reservation) {
		boolean freed = this.seats.resell(seat, reservation);
		if (freed) {
			changed(seat);
		}
		return freed;
	}

	/** The seat's date, from the catalogue in memory: no query inside the caller's. */
	private void changed(SeatId seat) {
		find(seat).ifPresent((s) -> this.events.publishEvent(new SeatAvailabilityChanged(s.concertDateId())));
	}

	/**
	 * Frees every seat whose hold has run out, but those kept for a waiting list
	 * ({@link #runOutKeptForWaitingLists}). Only tidies: reads and holds already treat
	 * the freed ones as free.
	 */
	public int releaseExpired(Instant now) {
		return this.seats.releaseExpired(now);
	}

	/**
	 * Gives the seat of the ended hold or sale {@code from} (cancelled, refunded, or run
	 * out) straight to {@code holder}'s new hold {@code reservation} until {@code until},
	 * in one conditional UPDATE, so that it is free to nobody in between: how a released
	 * seat goes to a date's waiting list, inside the transaction that released it.
	 * @return false if the seat is no longer {@code from}'s; nothing changed
	 */
	public boolean handOver(SeatId seat, UUID from, UserId holder, UUID reservation, Instant until) {
		boolean handed = this.seats.handOver(seat, from, holder, reservation, until);
		if (handed) {
			changed(seat);
		}
		return handed;
	}

	/**
	 * Locks the gate of the date's released seats until the caller's transaction ends.
	 * Everything that decides on the date's waiting list takes it first: a fan joining
	 * (who must see that no seat is free), a seat being released (which must see whether
	 * anyone waits), a fan leaving.
	 * @return whether the date's released seats go to its waiting list: then a seat whose
	 * hold runs out is free to nobody until it is {@link #handOver handed over}
	 */
	public boolean lockReleases(ConcertDateId date) {
		return this.seats.lockGate(date);
	}

	/**
	 * Sends the date's released seats to its waiting list, or back on sale; the caller
	 * holds the lock ({@link #lockReleases}).
	 */
	public void keepReleasesForWaitingList(ConcertDateId date, boolean kept) {
		this.seats.setGate(date, kept);
		this.events.publishEvent(new SeatAvailabilityChanged(date));
	}

	/** How many of the date's seats can be held at {@code now}. */
	public int freeSeats(ConcertDateId date, Instant now) {
		return this.seats.countFree(date, now);
	}

	/**
	 * The seats whose hold ran out at {@code now} on dates that keep released seats for
	 * their waiting list: none is free until handed over.
	 */
	public List<RunOutHold> runOutKeptForWaitingLists(Instant now) {
		return this.seats.findRunOutKept(now);
	}

}
