package dev.ticketing.reservation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.Seat;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.RunOutHold;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatInventory;
import dev.ticketing.concert.SeatPlace;
import dev.ticketing.concert.SeatUnavailable;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Holding seats and confirming holds. The seat inventory's conditional statement decides
 * every hold; this service records who holds what until when.
 */
@Service
public class ReservationService {

	private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

	/**
	 * How long a claim stands before its hold is in the database: a process that dies in
	 * between blocks the seat no longer than this.
	 */
	private static final Duration CLAIM_WINDOW = Duration.ofSeconds(10);

	private static final String SEAT_UNAVAILABLE = "SEAT_UNAVAILABLE";

	private final SeatInventory seats;

	private final ConcertService concerts;

	private final ReservationRepository reservations;

	private final Clock clock;

	private final Duration holdDuration;

	private final int maxHoldsPerUser;

	private final Duration selfRefundUntil;

	private final SeatClaims claims;

	private final TransactionTemplate transactions;

	private final ApplicationEventPublisher events;

	private final Counter claimFallbacks;

	private final SeatRelease releases;

	ReservationService(SeatInventory seats, ConcertService concerts, ReservationRepository reservations,
			SeatClaims claims, TransactionTemplate transactions, ApplicationEventPublisher events, MeterRegistry meters,
			Clock clock, ReservationProperties properties, SeatRelease releases) {
		this.seats = seats;
		this.releases = releases;
		this.concerts = concerts;
		this.reservations = reservations;
		this.claims = claims;
		this.transactions = transactions;
		this.events = events;
		this.claimFallbacks = Counter.builder("concert.seat.claims.fallback")
			.description("Holds decided by the database alone because the seat-claim store did not answer")
			.register(meters);
		this.clock = clock;
		this.holdDuration = properties.holdDuration();
		this.maxHoldsPerUser = properties.maxHoldsPerUser();
		this.selfRefundUntil = properties.selfRefundUntil();
	}

	/**
	 * Holds the seat for the admitted user for {@code concert.reservation.hold-duration}.
	 * A claim in front of the database turns most losers away without a database round
	 * trip; the database's conditional statement decides the rest, and everything when
	 * the claim store is unavailable. A user may have at most
	 * {@code concert.reservation.max-holds-per-user} live holds on a concert; one more is
	 * refused without changing anything (its claim is given back at once). Where the
	 * organiser caps tickets per fan, the user's live holds and paid tickets of all the
	 * concert's dates together never pass the cap: one more hold is refused the same way.
	 * @throws dev.ticketing.concert.SeatUnavailable if it is held by someone else or sold
	 * @throws ProblemException 409 {@code HOLD_LIMIT} if the user already has that many
	 * live holds on the concert, 409 {@code TICKET_LIMIT} if the user already has as many
	 * tickets of the concert as one fan may
	 * @throws dev.ticketing.concert.CatalogNotFound if the seat is not at that date
	 * @throws ProblemException 409 {@code SALE_CLOSED} if the concert's sale is closed
	 */
	public Reservation hold(HoldSeat command, Admission admission) {
		return hold(command, admission, ReservationId.random(), false, (held) -> {
		});
	}

	/**
	 * {@link #hold(HoldSeat, Admission)} for a call with an idempotency key: under
	 * {@code id}, derived from the key, so that a repeat of the call claims the same seat
	 * under the same id and queues on the seat's row behind the first attempt instead of
	 * being turned away by the first attempt's claim; {@code alongside} runs in the
	 * hold's transaction once the hold is recorded (to record the call's answer with it).
	 * A repeat fails as a hold would (the seat is held, by the first attempt; or the id
	 * is taken, by it) and leaves the claim alone, as it is the first attempt's.
	 */
	public Reservation hold(HoldSeat command, Admission admission, ReservationId id, Consumer<Reservation> alongside) {
		return hold(command, admission, id, true, alongside);
	}

	private Reservation hold(HoldSeat command, Admission admission, ReservationId id, boolean keyed,
			Consumer<Reservation> alongside) {
		admission.requireConcert(command.concertId());
		this.seats.seat(command.concertId(), command.concertDateId(), command.seatId());
		this.concerts.requireTakesHolds(command.concertId());
		Integer ticketsPerFan = this.concerts.ticketsPerFan(command.concertId());
		Instant claimedAt = this.clock.instant();
		SeatClaims.Claim claim = this.claims.claim(command.seatId(), id, claimedAt, claimedAt.plus(CLAIM_WINDOW));
		if (claim == SeatClaims.Claim.TAKEN) {
			this.events.publishEvent(new HoldRefused(command.concertId(), command.seatId(), SEAT_UNAVAILABLE));
			throw SeatUnavailable.forSeat(command.seatId());
		}
		if (claim == SeatClaims.Claim.UNKNOWN) {
			this.claimFallbacks.increment();
		}
		Reservation reservation;
		try {
			reservation = this.transactions.execute((status) -> {
				Reservation held = holdInDatabase(command, admission, id, ticketsPerFan);
				alongside.accept(held);
				return held;
			});
		}
		catch (RuntimeException ex) {
			boolean firstAttemptsClaim = keyed
					&& (ex instanceof SeatUnavailable || ex instanceof DuplicateKeyException);
			if (claim == SeatClaims.Claim.WON && !firstAttemptsClaim) {
				this.claims.release(command.seatId(), id);
			}
			if (ex instanceof ProblemException refusal && refusal.status() == 409) {
				// Seat taken, or the user's hold limit: refusals of the moment, counted
				// by reason.
				this.events.publishEvent(new HoldRefused(command.concertId(), command.seatId(), refusal.code()));
			}
			throw ex;
		}
		if (claim == SeatClaims.Claim.WON) {
			this.claims.extend(command.seatId(), id, this.clock.instant(), reservation.expiresAt());
		}
		return reservation;
	}

	private Reservation holdInDatabase(HoldSeat command, Admission admission, ReservationId id, Integer ticketsPerFan) {
		// The user's row for this concert stays locked until the transaction ends, so the
		// count below cannot be overtaken by another of the user's holds, on any date of
		// the concert: those wait here, then count this one. Only a hold and a ticket
		// given to the user add to the count, and both take this lock (giveTicket); a
		// payment turns a counted hold into a counted ticket, and what expires, is
		// cancelled, refunded or given away counts no more, so none of those needs it.
		// Locked before the seat and the reservation rows, as by every other taker: no
		// cycle, no deadlock.
		this.reservations.lockHolder(admission.userId(), command.concertId());
		Instant now = this.clock.instant();
		this.reservations.holdings(admission.userId(), command.concertId(), now)
			.requireRoomFor(1, ticketsPerFan, this.maxHoldsPerUser);
		Instant until = now.plus(this.holdDuration);
		Seat seat = this.seats.hold(command.concertId(), command.concertDateId(), command.seatId(), admission.userId(),
				id.value(), now, until);
		Reservation reservation = new Reservation(id, admission.userId(), command.concertId(), command.concertDateId(),
				command.seatId(), seat.price(), ReservationStatus.HELD, now, until, admission.entry());
		this.reservations.insert(reservation);
		this.events.publishEvent(new SeatHeld(id, command.concertId(), command.seatId(), until, admission.userId()));
		return reservation;
	}

	/**
	 * Confirms the live hold of the holder (whose queue token the call carries, admitted
	 * or not: see {@link QueuePass#requireHolderOf}) as paid and marks its seat sold,
	 * inside the caller's (the payment's) transaction.
	 * @throws ProblemException 404 if the reservation is unknown or another user's, 403
	 * {@code TOKEN_CONCERT_MISMATCH} if the token is another concert's, 401
	 * {@code TOKEN_EXPIRED} if it is of an ended entry into the line other than the
	 * hold's, 410 if its hold has expired
	 */
	@Transactional
	public Confirmation confirm(ReservationId id, QueuePass holder) {
		UserId user = holder.bearer().userId();
		if (!holder.isInLine()) {
			// A token the line has ended speaks only for the holds made with it: read
			// which entry made this one. An admitted or waiting token, the common case,
			// speaks for all of the user's holds on the concert and needs no read.
			holderOf(id, holder);
		}
		if (this.concerts.ticketsPerFan(holder.bearer().concertId()) != null) {
			// A hold counts against the cap on tickets per fan while live, and as a
			// ticket
			// once paid. A payment at the very instant its hold runs out could otherwise
			// turn a hold that a concurrent new hold no longer counted into a ticket: on
			// the holder's lock, one of the two comes first and the other sees it.
			this.reservations.lockHolder(user, holder.bearer().concertId());
		}
		Instant now = this.clock.instant();
		Optional<Reservation> confirmed = this.reservations.pay(id, user, holder.bearer().concertId(), now);
		if (confirmed.isPresent()) {
			Reservation reservation = confirmed.get();
			if (!this.seats.sell(reservation.seatId(), id.value(), now)) {
				// The seat was taken over the instant the hold ran out.
				throw ReservationProblems.holdExpired(id);
			}
			this.events.publishEvent(new ReservationPaid(id, reservation.seatId()));
			return new Confirmation.Confirmed(reservation);
		}
		Reservation found = holderOf(id, holder);
		if (found.status() == ReservationStatus.PAID) {
			return new Confirmation.AlreadyConfirmed(found);
		}
		throw ReservationProblems.holdExpired(id);
	}

	/**
	 * Gives up the live hold of the holder (whose queue token the call carries, admitted
	 * or not, as for {@link #confirm paying}); the seat is free at once, or goes to the
	 * date's first waiting fan in the same transaction ({@link WaitingList}). Cancelling
	 * a hold that has already expired changes nothing and is not an error.
	 * @throws ProblemException 404 if unknown or another user's, 403
	 * {@code TOKEN_CONCERT_MISMATCH} or 401 {@code TOKEN_EXPIRED} for a token that may
	 * not pay for it either, 409 if already paid
	 */
	@Transactional
	public void cancel(ReservationId id, QueuePass holder) {
		UserId user = holder.bearer().userId();
		Reservation found = holderOf(id, holder);
		Instant now = this.clock.instant();
		if (this.reservations.cancel(id, user, now)) {
			this.releases.release(found, false, now);
			this.events.publishEvent(new ReservationCancelled(id, found.seatId(), found.concertId(), found.userId()));
			return;
		}
		// Read again: a payment may have confirmed it since the first read, and the
		// cancel must not then report success.
		if (this.reservations.find(id).map(Reservation::status).orElseThrow() == ReservationStatus.PAID) {
			throw ProblemException.conflict("RESERVATION_CONFIRMED", "Reservation " + id + " is paid for");
		}
	}

	/**
	 * The reservation, if the holder's token speaks for it: the token user's, and a hold
	 * the token may act on ({@link QueuePass#requireHolderOf}).
	 */
	private Reservation holderOf(ReservationId id, QueuePass holder) {
		Reservation found = this.reservations.find(id)
			.filter((r) -> r.isOwnedBy(holder.bearer().userId()))
			.orElseThrow(() -> ReservationProblems.notFound(id));
		holder.requireHolderOf(found.concertId(), found.heldWith());
		return found;
	}

	/**
	 * Refunds the paid reservation inside the caller's (the refund's) transaction: the
	 * reservation becomes REFUNDED and its seat is on sale again at once, or goes to the
	 * date's first waiting fan in the same transaction ({@link WaitingList}); the claim
	 * in front of it goes after commit ({@link ReservationRefunded}).
	 * @return the refunded reservation, or empty if it is not PAID (never paid, or
	 * refunded already), in which case nothing changed
	 */
	@Transactional
	public Optional<Reservation> refund(ReservationId id) {
		return refund(id, true);
	}

	/**
	 * {@link #refund(ReservationId)} by its buyer: only while they still hold its ticket.
	 * A transfer racing it waits on the reservation's row, or the refund on the
	 * transfer's: one of the two finds the other done.
	 * @throws ProblemException 409 {@code TICKET_TRANSFERRED} if its ticket was given to
	 * another fan
	 */
	@Transactional
	public Optional<Reservation> refundByBuyer(ReservationId id) {
		Optional<Reservation> refunded = refund(id, false);
		if (refunded.isEmpty() && this.reservations.isGiven(id)) {
			throw ReservationProblems.ticketTransferred(id);
		}
		return refunded;
	}

	private Optional<Reservation> refund(ReservationId id, boolean evenIfGiven) {
		Instant now = this.clock.instant();
		Optional<Reservation> refunded = this.reservations.refund(id, evenIfGiven, now);
		refunded.ifPresent((reservation) -> {
			if (!this.releases.release(reservation, true, now)) {
				throw new IllegalStateException("Seat " + reservation.seatId().value() + " of confirmed reservation "
						+ id + " is not sold to it");
			}
			this.events.publishEvent(new ReservationRefunded(id, reservation.seatId()));
		});
		return refunded;
	}

	/**
	 * Gives the paid seat's ticket from {@code from}, who holds it now, to {@code to},
	 * inside the caller's (the ticket transfer's) transaction: from then on it counts
	 * against {@code to}'s cap on tickets per fan, not {@code from}'s. The reservation,
	 * its payment and so any refund stay the buyer's. Where the concert caps tickets per
	 * fan, the receiver's row is locked and their tickets counted as for a hold, so holds
	 * and transfers racing for one fan never pass the cap together.
	 * @return whether it was given: false if the reservation is not paid (refunded since)
	 * or its ticket is not {@code from}'s, in which case nothing changed
	 * @throws ProblemException 409 {@code TICKET_LIMIT} if {@code to} already has as many
	 * tickets of the concert as one fan may
	 */
	@Transactional
	public boolean giveTicket(ReservationId id, UserId from, UserId to) {
		Reservation reservation = this.reservations.find(id).orElse(null);
		if (reservation == null) {
			return false;
		}
		Integer ticketsPerFan = this.concerts.ticketsPerFan(reservation.concertId());
		if (ticketsPerFan != null) {
			this.reservations.lockHolder(to, reservation.concertId());
			if (this.reservations.holdings(to, reservation.concertId(), this.clock.instant())
				.tickets() >= ticketsPerFan) {
				throw ReservationProblems.ticketLimit(ticketsPerFan);
			}
		}
		return this.reservations.give(id, from, to);
	}

	/**
	 * Lets the reservation's own user refund it only up to
	 * {@code concert.reservation.self-refund-until} before its date starts, and only
	 * while they hold its ticket.
	 * @throws ProblemException 409 {@code SELF_REFUND_CLOSED} otherwise, 409
	 * {@code TICKET_TRANSFERRED} if they gave its ticket to another fan
	 */
	public void requireSelfRefundable(Reservation reservation) {
		if (this.reservations.isGiven(reservation.id())) {
			throw ReservationProblems.ticketTransferred(reservation.id());
		}
		Instant startsAt = this.concerts.startsAt(reservation.concertDateId()).orElseThrow();
		Instant deadline = selfRefundDeadline(startsAt).orElseThrow(() -> ReservationProblems
			.selfRefundClosed(reservation.id(), "fans cannot refund their own tickets here"));
		if (!this.clock.instant().isBefore(deadline)) {
			throw ReservationProblems.selfRefundClosed(reservation.id(), "refunds closed at " + deadline);
		}
	}

	/**
	 * The moment fans stop refunding their own tickets for a date starting at
	 * {@code startsAt}; empty if they never may.
	 */
	private Optional<Instant> selfRefundDeadline(Instant startsAt) {
		return this.selfRefundUntil.isZero() ? Optional.empty() : Optional.of(startsAt.minus(this.selfRefundUntil));
	}

	/**
	 * How many of the concert's refunded reservations there are, by date and section of
	 * their seat.
	 */
	public Map<String, Integer> refundsBySection(ConcertId concert) {
		Map<String, Integer> counts = new java.util.HashMap<>();
		for (Reservation r : this.reservations.refunded(concert)) {
			String section = this.seats.find(r.seatId()).map(Seat::section).orElse(null);
			counts.merge(sectionKey(r.concertDateId(), section), 1, Integer::sum);
		}
		return counts;
	}

	/** The key of {@link #refundsBySection} for a date and section. */
	public static String sectionKey(ConcertDateId date, String section) {
		return date.value() + "/" + section;
	}

	/**
	 * The reservation, whoever's it is.
	 */
	public Optional<Reservation> find(ReservationId id) {
		return this.reservations.find(id);
	}

	/**
	 * The user's latest reservations of every concert, newest first: live holds, paid
	 * ones, and those that ran out or were cancelled, as they stand now, each with where
	 * and when its seat is. Two queries however many there are: the reservations, then
	 * their seats' places from the catalogue.
	 * @param limit at most this many
	 */
	public List<ReservationSummary> latest(UserId user, int limit) {
		Instant now = this.clock.instant();
		List<ReservationRepository.Listed> listed = this.reservations.latest(user, limit);
		Map<SeatId, SeatPlace> places = this.concerts
			.places(listed.stream().map((entry) -> entry.reservation().seatId()).toList());
		return listed.stream().map((entry) -> {
			Reservation r = entry.reservation();
			SeatPlace place = places.get(r.seatId());
			ReservationStatus status = r.statusAt(now);
			Instant refundableUntil = (status == ReservationStatus.PAID && place != null && entry.givenTo() == null)
					? selfRefundDeadline(place.startsAt()).orElse(null) : null;
			return new ReservationSummary(r, place, status, entry.paidAt(), refundableUntil, entry.givenTo());
		}).toList();
	}

	/**
	 * The user's tickets of the concert, all dates together: live holds and paid ones, as
	 * the cap on tickets per fan counts them.
	 */
	public int tickets(UserId user, ConcertId concert) {
		return this.reservations.holdings(user, concert, this.clock.instant()).tickets();
	}

	/**
	 * The user's holds on the concert that can still be paid for.
	 */
	public int liveHolds(UserId user, ConcertId concert) {
		return this.reservations.liveHolds(user, concert, this.clock.instant());
	}

	/**
	 * Marks run-out holds EXPIRED and frees their seats. Only tidies: holds and reads
	 * already treat them as expired. But a seat whose hold ran out on a date with a
	 * waiting list is free to nobody until this hands it to the first waiting fan, each
	 * seat in a transaction of its own.
	 */
	public int expireHolds() {
		Instant now = this.clock.instant();
		// One transaction, so the event (and the sale events it becomes, in the outbox)
		// commits with the marking or not at all.
		Integer expired = this.transactions.execute((status) -> {
			List<Reservation> marked = this.reservations.expire(now);
			this.seats.releaseExpired(now);
			if (!marked.isEmpty()) {
				this.events.publishEvent(new HoldsExpired(marked));
			}
			return marked.size();
		});
		for (RunOutHold kept : this.seats.runOutKeptForWaitingLists(now)) {
			try {
				this.reservations.find(new ReservationId(kept.reservation()))
					.ifPresent((ended) -> this.transactions
						.executeWithoutResult((status) -> this.releases.release(ended, false, now)));
			}
			catch (RuntimeException ex) {
				// One seat's failure keeps no other from its waiting fan; this one is
				// tried again by the next sweep, and is free to nobody meanwhile.
				log.warn("Handing seat {} to its waiting list failed, retrying next sweep: {}", kept.seat().value(),
						ex.getMessage());
			}
		}
		return (expired != null) ? expired : 0;
	}

}
