package dev.ticketing.reservation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticketing.common.Admission;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.ProblemException;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.HallSeats;
import dev.ticketing.concert.Seat;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatInventory;
import dev.ticketing.concert.SeatRow;
import dev.ticketing.concert.SeatUnavailable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Holds several seats side by side for a fan, picked by the service ("best available"),
 * all or none.
 * <p>
 * The seats are picked from the hall as the browse cache holds it ({@link HallSeats}), so
 * a crowd asking at once costs the database no read of the hall per request; the cache
 * may be a moment stale, and PostgreSQL decides: the holds are one transaction of
 * conditional UPDATEs, and one seat gone rolls every one of them back. The fan's block is
 * then picked again without the seats learned to be gone, from the cache as it is by then
 * (this instance's holds evict it at commit), at most {@link #ATTEMPTS} times.
 * <p>
 * Claims in front of the database are taken seat by seat, in seat order, each under its
 * own reservation, and given back when a later one is refused or the transaction fails:
 * claim keys stay one per seat, as the single hold and its readers know them, and on a
 * Redis Cluster every claim is a one-key script on the seat's own slot. A claim is only
 * an optimisation, so a claim given back late (a process dying between two) costs no more
 * than the claim window.
 */
@Service
public class BestAvailable {

	/**
	 * How many blocks a fan's request tries before it gives up. Each failed try learns a
	 * seat gone and reads the cache again; with as many good blocks spread over as there
	 * are fans picking at once, a crowd of 2,000 over 500 pairs needs two or three.
	 */
	static final int ATTEMPTS = 8;

	/** As for a single hold: how long a claim stands before its hold is recorded. */
	private static final Duration CLAIM_WINDOW = Duration.ofSeconds(10);

	private final HallSeats hall;

	private final SeatInventory seats;

	private final ConcertService concerts;

	private final ReservationRepository reservations;

	private final SeatClaims claims;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final ReservationProperties properties;

	/**
	 * Seats that requests on this instance are claiming and holding right now, each with
	 * the request's mark: no other request here picks them meanwhile. The cache cannot
	 * show them taken before the holds commit, and without this a crowd picking from one
	 * snapshot learns of each other's blocks one refused claim at a time.
	 */
	private final Map<SeatId, Object> beingHeld = new ConcurrentHashMap<>();

	/**
	 * Seats held through this instance, or learned to be someone else's, lately: until
	 * every cached answer is younger than that ({@link HallSeats#staleness()}), a cached
	 * answer may still show them free.
	 */
	private final Cache<SeatId, Boolean> lately;

	/**
	 * Fans picking seats of each date on this instance right now: how many good blocks a
	 * pick spreads over.
	 */
	private final Cache<ConcertDateId, AtomicInteger> picking = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	BestAvailable(HallSeats hall, SeatInventory seats, ConcertService concerts, ReservationRepository reservations,
			SeatClaims claims, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock,
			ReservationProperties properties) {
		this.hall = hall;
		this.seats = seats;
		this.concerts = concerts;
		this.reservations = reservations;
		this.claims = claims;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
		this.properties = properties;
		this.lately = Caffeine.newBuilder()
			.expireAfterWrite(hall.staleness().plusMillis(100))
			.maximumSize(200_000)
			.build();
	}

	/**
	 * Holds {@code count} free seats side by side in the section or price band for the
	 * admitted user, each for {@code concert.reservation.hold-duration}, or none. The
	 * user's live holds on the concert and the organiser's cap on tickets per fan count
	 * all of them, as they count a single hold.
	 * @return the holds, in the row's order
	 * @throws ProblemException 400 {@code INVALID_COUNT} for more seats than one user may
	 * hold; 409 {@code SOLD_OUT} if no block of that many seats side by side is free (the
	 * seats are not split up without the fan's say), {@code SEATS_CONTENDED} if others
	 * took every block picked first, {@code HOLD_LIMIT} or {@code TICKET_LIMIT} as for a
	 * single hold, {@code SALE_CLOSED}; 404 for an unknown date or section
	 */
	public List<Reservation> hold(HoldTogether command, Admission admission) {
		return hold(command, admission, (i) -> ReservationId.random(), (held) -> {
		});
	}

	/**
	 * {@link #hold(HoldTogether, Admission)} for a call with an idempotency key: the
	 * {@code i}-th hold of each try is {@code ids.apply(i)}, derived from the key, so
	 * that a repeat running alongside the first attempt collides with it on the
	 * reservations' ids and is answered as the first was; {@code alongside} runs in the
	 * holds' transaction once they are recorded.
	 */
	public List<Reservation> hold(HoldTogether command, Admission admission, IntFunction<ReservationId> ids,
			Consumer<List<Reservation>> alongside) {
		admission.requireConcert(command.concertId());
		int most = this.properties.maxHoldsPerUser();
		if (command.count() > most) {
			throw InvalidInput.of("INVALID_COUNT",
					"one user holds at most " + most + " seats at once, not " + command.count());
		}
		this.concerts.requireTakesHolds(command.concertId());
		Integer ticketsPerFan = this.concerts.ticketsPerFan(command.concertId());
		AtomicInteger contenders = this.picking.get(command.concertDateId(), (date) -> new AtomicInteger());
		contenders.incrementAndGet();
		try {
			Set<SeatId> gone = new HashSet<>();
			for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
				List<SeatRow> rows = scope(command);
				Predicate<SeatId> taken = (seat) -> gone.contains(seat) || this.beingHeld.containsKey(seat)
						|| this.lately.getIfPresent(seat) != null;
				Optional<SeatPicker.Block> block = SeatPicker.pick(rows, command.count(), taken,
						Math.max(1, contenders.get()), ThreadLocalRandom.current());
				if (block.isEmpty()) {
					throw ReservationProblems.soldOut(command.scope(), command.count(), SeatPicker.free(rows, taken));
				}
				List<SeatId> chosen = new ArrayList<>(block.get().seats());
				// Claims and row locks in one order for every request: two fans whose
				// blocks overlap never wait on each other in a circle.
				chosen.sort(Comparator.comparingLong(SeatId::value));
				Optional<List<Reservation>> held = tryHold(command, admission, chosen, ids, ticketsPerFan, alongside,
						gone);
				if (held.isPresent()) {
					return held.get();
				}
			}
			throw ReservationProblems.seatsContended(command.scope(), ATTEMPTS);
		}
		catch (ProblemException refusal) {
			if (refusal.status() == 409) {
				// Counted with the single holds' refusals, by code.
				this.events.publishEvent(new HoldRefused(command.concertId(), null, refusal.code()));
			}
			throw refusal;
		}
		finally {
			contenders.decrementAndGet();
		}
	}

	private List<SeatRow> scope(HoldTogether command) {
		return (command.section() != null)
				? this.hall.section(command.concertId(), command.concertDateId(), command.section())
				: this.hall.priceBand(command.concertId(), command.concertDateId(), command.price());
	}

	/**
	 * Claims and holds every one of the seats, or none: empty (and the seat that was gone
	 * added to {@code gone}) when one of them is someone else's.
	 */
	private Optional<List<Reservation>> tryHold(HoldTogether command, Admission admission, List<SeatId> chosen,
			IntFunction<ReservationId> ids, Integer ticketsPerFan, Consumer<List<Reservation>> alongside,
			Set<SeatId> gone) {
		Object mark = new Object();
		for (SeatId seat : chosen) {
			if (this.beingHeld.putIfAbsent(seat, mark) != null) {
				// Another request here picked it a moment ago.
				unmark(chosen, mark);
				gone.add(seat);
				return Optional.empty();
			}
		}
		try {
			Optional<List<Reservation>> held = claimAndHold(command, admission, chosen, ids, ticketsPerFan, alongside,
					gone);
			if (held.isPresent()) {
				chosen.forEach((seat) -> this.lately.put(seat, Boolean.TRUE));
			}
			return held;
		}
		finally {
			unmark(chosen, mark);
		}
	}

	private void unmark(List<SeatId> chosen, Object mark) {
		for (SeatId seat : chosen) {
			this.beingHeld.remove(seat, mark);
		}
	}

	private Optional<List<Reservation>> claimAndHold(HoldTogether command, Admission admission, List<SeatId> chosen,
			IntFunction<ReservationId> ids, Integer ticketsPerFan, Consumer<List<Reservation>> alongside,
			Set<SeatId> gone) {
		List<ReservationId> reservationIds = new ArrayList<>(chosen.size());
		for (int i = 0; i < chosen.size(); i++) {
			reservationIds.add(ids.apply(i));
		}
		Instant claimedAt = this.clock.instant();
		List<Integer> won = new ArrayList<>(chosen.size());
		for (int i = 0; i < chosen.size(); i++) {
			SeatClaims.Claim claim = this.claims.claim(chosen.get(i), reservationIds.get(i), claimedAt,
					claimedAt.plus(CLAIM_WINDOW));
			if (claim == SeatClaims.Claim.TAKEN) {
				release(chosen, reservationIds, won);
				gone.add(chosen.get(i));
				this.lately.put(chosen.get(i), Boolean.TRUE);
				return Optional.empty();
			}
			if (claim == SeatClaims.Claim.WON) {
				won.add(i);
			}
		}
		List<Reservation> held;
		try {
			held = this.transactions.execute((status) -> {
				List<Reservation> recorded = holdInDatabase(command, admission, chosen, reservationIds, ticketsPerFan);
				alongside.accept(recorded);
				return recorded;
			});
		}
		catch (SeatGone ex) {
			release(chosen, reservationIds, won);
			gone.add(ex.seat);
			this.lately.put(ex.seat, Boolean.TRUE);
			return Optional.empty();
		}
		catch (RuntimeException ex) {
			release(chosen, reservationIds, won);
			throw ex;
		}
		for (int i : won) {
			this.claims.extend(chosen.get(i), reservationIds.get(i), this.clock.instant(), held.get(i).expiresAt());
		}
		return Optional.of(held);
	}

	private void release(List<SeatId> chosen, List<ReservationId> reservationIds, List<Integer> won) {
		for (int i : won) {
			this.claims.release(chosen.get(i), reservationIds.get(i));
		}
	}

	private List<Reservation> holdInDatabase(HoldTogether command, Admission admission, List<SeatId> chosen,
			List<ReservationId> reservationIds, Integer ticketsPerFan) {
		// As for a single hold: the holder's row first, so that the counts below cannot
		// be overtaken by another of the user's holds; then the seats, in seat order.
		this.reservations.lockHolder(admission.userId(), command.concertId());
		Instant now = this.clock.instant();
		int asked = chosen.size();
		this.reservations.holdings(admission.userId(), command.concertId(), now)
			.requireRoomFor(asked, ticketsPerFan, this.properties.maxHoldsPerUser());
		Instant until = now.plus(this.properties.holdDuration());
		List<Reservation> held = new ArrayList<>(asked);
		for (int i = 0; i < asked; i++) {
			SeatId seatId = chosen.get(i);
			ReservationId id = reservationIds.get(i);
			Seat seat;
			try {
				seat = this.seats.hold(command.concertId(), command.concertDateId(), seatId, admission.userId(),
						id.value(), now, until);
			}
			catch (SeatUnavailable ex) {
				// Rolls back the seats held before it: all or none.
				throw new SeatGone(seatId);
			}
			Reservation reservation = new Reservation(id, admission.userId(), command.concertId(),
					command.concertDateId(), seatId, seat.price(), ReservationStatus.HELD, now, until,
					admission.entry());
			this.reservations.insert(reservation);
			this.events.publishEvent(new SeatHeld(id, command.concertId(), seatId, until, admission.userId()));
			held.add(reservation);
		}
		return held;
	}

	/** A chosen seat was someone else's by the time its UPDATE ran. */
	private static final class SeatGone extends RuntimeException {

		private final transient SeatId seat;

		SeatGone(SeatId seat) {
			super(null, null, false, false);
			this.seat = seat;
		}

	}

}
