package dev.ticketing.ticket;

import java.time.Instant;

import dev.ticketing.common.ProblemException;

import org.springframework.http.ProblemDetail;

/**
 * Refusals of the ticket module, each with its stable code: a gate tells a forged code
 * from a refunded ticket from one already inside without reading a message.
 */
final class TicketProblems {

	private TicketProblems() {
	}

	/** Unknown, or not the caller's: the two are not told apart. */
	static ProblemException notFound(TicketId id) {
		return ProblemException.notFound("TICKET_NOT_FOUND", "No ticket " + id + " of yours");
	}

	/**
	 * The caller held the ticket once and gave it to another fan: its codes are the new
	 * holder's now.
	 */
	static ProblemException transferred(TicketId id) {
		return ProblemException.conflict("TICKET_TRANSFERRED",
				"Ticket " + id + " was given to another fan: it is theirs now, and only they are shown its codes");
	}

	static ProblemException transferToSelf() {
		return new ProblemException(400, "TRANSFER_TO_SELF", "Bad request",
				"'toUser' is you: a ticket is given to another fan's account");
	}

	/** No account of that id has signed in here: nobody could show the ticket. */
	static ProblemException unknownReceiver() {
		return new ProblemException(422, "UNKNOWN_RECEIVER", "Unknown receiver",
				"'toUser' names no fan of this service: the friend signs in once, then shares their account id");
	}

	/** Forged, altered, unreadable, or signed by a key that is none of ours. */
	static ProblemException invalidCode() {
		return new ProblemException(400, "INVALID_TICKET_CODE", "Bad request",
				"This is no ticket code of this service: unreadable, altered, or not signed by its keys");
	}

	static ProblemException wrongConcert() {
		return ProblemException.conflict("WRONG_CONCERT", "This ticket is for another concert");
	}

	/** For another date of the concert than the one the gate checks in for. */
	static ProblemException wrongDate() {
		return ProblemException.conflict("WRONG_DATE", "This ticket is for another date of this concert");
	}

	static ProblemException codeExpired() {
		return new ProblemException(410, "CODE_EXPIRED", "Code expired",
				"This phone code has run out: a screenshot or an old picture; the fan's phone shows a fresh one");
	}

	static ProblemException codeNotYetValid() {
		return ProblemException.conflict("CODE_NOT_YET_VALID",
				"This phone code is for a later time: check the gate's clock");
	}

	static ProblemException refunded(TicketId id) {
		return ProblemException.conflict("TICKET_REFUNDED", "Ticket " + id + " was refunded: it opens no door");
	}

	/** The ticket is valid, but this code of it was voided (a newer one replaced it). */
	static ProblemException voided(TicketId id) {
		return ProblemException.conflict("TICKET_VOIDED",
				"This code of ticket " + id + " was voided: only the ticket's current code opens the door");
	}

	static ProblemException alreadyUsed(TicketId id, Ticket.CheckIn first) {
		return new AlreadyUsed(id, first);
	}

	/**
	 * 409 {@code ALREADY_USED}, naming the gate ({@code gate}) and the time
	 * ({@code checkedInAt}) of the scan that admitted the ticket.
	 */
	static final class AlreadyUsed extends ProblemException {

		private final Ticket.CheckIn first;

		AlreadyUsed(TicketId id, Ticket.CheckIn first) {
			super(409, "ALREADY_USED", "Conflict",
					"Ticket " + id + " was admitted at gate " + first.gate() + " at " + first.at());
			this.first = first;
		}

		String gate() {
			return this.first.gate();
		}

		Instant checkedInAt() {
			return this.first.at();
		}

		@Override
		public ProblemDetail toDetail() {
			ProblemDetail detail = super.toDetail();
			detail.setProperty("gate", this.first.gate());
			detail.setProperty("checkedInAt", this.first.at());
			return detail;
		}

	}

}
