package dev.ticketing.ticket;

import java.util.Objects;
import java.util.UUID;

import dev.ticketing.common.InvalidInput;

/**
 * Identifies a ticket.
 */
public record TicketId(UUID value) {

	public TicketId {
		Objects.requireNonNull(value, "ticket id");
	}

	static TicketId random() {
		return new TicketId(UUID.randomUUID());
	}

	static TicketId of(String text) {
		if (text == null || text.length() != 36) {
			throw InvalidInput.of("INVALID_ID", "ticketId must be a UUID");
		}
		try {
			return new TicketId(UUID.fromString(text));
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInput.of("INVALID_ID", "ticketId must be a UUID");
		}
	}

	@Override
	public String toString() {
		return this.value.toString();
	}

}
