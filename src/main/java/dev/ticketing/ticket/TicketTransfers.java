package dev.ticketing.ticket;

import java.time.Clock;
import java.time.Instant;

import dev.ticketing.common.KnownUsers;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.ReservationService;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Giving a ticket to another fan at face value: no money moves through the service. In
 * one transaction the ticket gets its new holder and a new version (so every code the
 * giver was shown, on a phone, printed or copied, answers TICKET_VOIDED at once, online
 * and in the voided list offline gates take along), the reservation counts it against the
 * receiver's cap on tickets per fan instead of the giver's, and the transfer joins the
 * ticket's history.
 * <p>
 * Rows are locked in the order every other writer takes them (the receiver's holder row,
 * the reservation, the ticket), so a transfer racing a hold, a payment, a refund or a
 * check-in waits, never deadlocks; each change is one conditional statement whose row
 * count decides, and a refusal after the first rolls back the ones before.
 */
@Service
class TicketTransfers {

	private final TicketService tickets;

	private final TicketRepository repository;

	private final ReservationService reservations;

	private final KnownUsers users;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TicketTransfers(TicketService tickets, TicketRepository repository, ReservationService reservations,
			KnownUsers users, ApplicationEventPublisher events, Clock clock) {
		this.tickets = tickets;
		this.repository = repository;
		this.reservations = reservations;
		this.users = users;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Gives the holder's ticket to {@code to}.
	 * @return the transfer made
	 * @throws dev.ticketing.common.ProblemException 400 {@code TRANSFER_TO_SELF}, 422
	 * {@code UNKNOWN_RECEIVER} for an account never seen here, 404
	 * {@code TICKET_NOT_FOUND} unknown or never the holder's, 409
	 * {@code TICKET_TRANSFERRED} given away already, 409 {@code TICKET_REFUNDED}, 409
	 * {@code ALREADY_USED} once admitted at a gate, 409 {@code TICKET_LIMIT} if the
	 * receiver already has as many tickets of the concert as one fan may; after any of
	 * them nothing changed
	 */
	@Transactional
	TicketTransferred transfer(TicketId id, UserId from, UserId to) {
		if (from.equals(to)) {
			throw TicketProblems.transferToSelf();
		}
		Ticket ticket = transferable(this.tickets.heldBy(id, from));
		if (!this.users.exists(to)) {
			throw TicketProblems.unknownReceiver();
		}
		if (!this.reservations.giveTicket(ticket.reservationId(), from, to)
				|| !this.repository.transfer(id, from, to)) {
			// Refunded, admitted or given away since it was read: say which. The
			// reservation's row lock (or the ticket's) waited for that to commit, so it
			// is
			// seen here; throwing rolls back the reservation's part.
			transferable(this.tickets.heldBy(id, from));
			throw new IllegalStateException("Ticket " + id + " and its reservation disagree on its holder");
		}
		Instant now = this.clock.instant();
		this.repository.recordTransfer(id, from, to, now);
		TicketTransferred transferred = new TicketTransferred(id, ticket.concertId(), from, to, now);
		this.events.publishEvent(transferred);
		return transferred;
	}

	private static Ticket transferable(Ticket ticket) {
		if (ticket.status() == Ticket.Status.REFUNDED) {
			throw TicketProblems.refunded(ticket.id());
		}
		if (ticket.checkIn() != null) {
			throw TicketProblems.alreadyUsed(ticket.id(), ticket.checkIn());
		}
		return ticket;
	}

}
