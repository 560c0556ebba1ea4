package dev.ticketing.ticket;

import java.time.Instant;
import java.util.Objects;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

/**
 * A fan gave a ticket to another fan, at face value (no money moved): {@code to} holds it
 * now, and every code {@code from} was shown of it opens no door. Published inside the
 * transfer's transaction.
 */
public record TicketTransferred(TicketId ticketId, ConcertId concertId, UserId from, UserId to, Instant at) {

	public TicketTransferred {
		Objects.requireNonNull(ticketId, "ticket");
		Objects.requireNonNull(concertId, "concert");
		Objects.requireNonNull(from, "from");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(at, "at");
	}

}
