package dev.ticketing.reservation;

import java.time.Instant;
import java.util.Optional;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.common.ConcertSale;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.Seat;
import dev.ticketing.concert.SeatInventory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Frees the seat of a hold or sale that ended (cancelled, refunded, run out), inside the
 * caller's transaction, or, when its date keeps released seats for a waiting list, hands
 * it straight to the first waiting fan as a hold of their own: the seat goes from the
 * ended reservation to the fan's in one conditional UPDATE, so between being freed and
 * being offered it is free to nobody, whatever Redis claims say (those only front the
 * database's decision). A fan who could take no more tickets of the concert is passed
 * over for the next.
 * <p>
 * Locks, always in this order, so that nothing waits in a cycle: the date's gate (which
 * also orders this against a fan joining the list), then the waiting fan's holder row (as
 * a hold of theirs would, before counting their tickets), then the seat.
 */
@Component
class SeatRelease {

	private final SeatInventory seats;

	private final ConcertService concerts;

	private final ReservationRepository reservations;

	private final ObjectProvider<WaitingList> waitingLists;

	private final ApplicationEventPublisher events;

	private final int maxHoldsPerUser;

	SeatRelease(SeatInventory seats, ConcertService concerts, ReservationRepository reservations,
			ObjectProvider<WaitingList> waitingLists, ApplicationEventPublisher events,
			ReservationProperties properties) {
		this.seats = seats;
		this.concerts = concerts;
		this.reservations = reservations;
		this.waitingLists = waitingLists;
		this.events = events;
		this.maxHoldsPerUser = properties.maxHoldsPerUser();
	}

	/**
	 * The seat of {@code ended} goes to its date's first waiting fan, or back on sale
	 * ({@code sold}: it was sold to {@code ended}, else held for it).
	 * @return false if the seat was no longer {@code ended}'s; nothing changed then
	 */
	boolean release(Reservation ended, boolean sold, Instant now) {
		WaitingList waiting = this.waitingLists.getIfAvailable();
		if (waiting != null && this.seats.lockReleases(ended.concertDateId()) && takesHolds(ended.concertId())) {
			Integer ticketsPerFan = this.concerts.ticketsPerFan(ended.concertId());
			for (Optional<WaitingFan> next = waiting.first(ended.concertDateId(), ended.userId()); next
				.isPresent(); next = waiting.first(ended.concertDateId(), ended.userId())) {
				WaitingFan fan = next.get();
				Optional<String> refusal = refusal(fan, ended.concertId(), ticketsPerFan, now);
				if (refusal.isEmpty()) {
					return offer(ended, fan, waiting, now);
				}
				waiting.passedOver(fan, refusal.get());
			}
		}
		return sold ? this.seats.resell(ended.seatId(), ended.id().value())
				: this.seats.release(ended.seatId(), ended.id().value());
	}

	/**
	 * Why the fan may not have one more ticket of the concert, counted under their holder
	 * lock as their own hold would be; empty if they may.
	 */
	private Optional<String> refusal(WaitingFan fan, ConcertId concert, Integer ticketsPerFan, Instant now) {
		this.reservations.lockHolder(fan.user(), concert);
		ReservationRepository.Holdings holdings = this.reservations.holdings(fan.user(), concert, now);
		if (ticketsPerFan != null && holdings.tickets() >= ticketsPerFan) {
			return Optional.of("TICKET_LIMIT");
		}
		if (holdings.liveHolds() >= this.maxHoldsPerUser) {
			return Optional.of("HOLD_LIMIT");
		}
		return Optional.empty();
	}

	private boolean offer(Reservation ended, WaitingFan fan, WaitingList waiting, Instant now) {
		ReservationId id = ReservationId.random();
		Instant until = now.plus(fan.offerFor());
		if (!this.seats.handOver(ended.seatId(), ended.id().value(), fan.user(), id.value(), until)) {
			return false;
		}
		Seat seat = this.seats.find(ended.seatId()).orElseThrow();
		// Any of the fan's queue tokens of the concert pays for it: the service made this
		// hold, under no entry into the line in particular.
		this.reservations.insert(new Reservation(id, fan.user(), ended.concertId(), ended.concertDateId(),
				ended.seatId(), seat.price(), ReservationStatus.HELD, now, until, Admission.ANY_ENTRY));
		waiting.offered(fan, id, ended.seatId(), until);
		this.events.publishEvent(new SeatHeld(id, ended.concertId(), ended.seatId(), until, fan.user()));
		this.events.publishEvent(
				new SeatOffered(id, fan.user(), ended.concertId(), ended.concertDateId(), ended.seatId(), until));
		return true;
	}

	/** Sales that are closed take no holds, so a waiting list gets no offers either. */
	private boolean takesHolds(ConcertId concert) {
		return this.concerts.sale(concert).map(ConcertSale::status).map(SaleStatus::takesHolds).orElse(true);
	}

}
