package dev.ticketing.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatPlace;
import dev.ticketing.payment.PaymentCompleted;
import dev.ticketing.payment.PaymentRefunded;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationService;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Issues a ticket for every paid seat and voids it when refunded, shows its holder the
 * ticket's codes, and checks it in at the gate.
 * <p>
 * Issuing and voiding listen to the payment's events synchronously, inside the payment's
 * and the refund's own transactions: a ticket exists exactly when its payment committed,
 * and a refund that committed has voided every code of the ticket in the same commit, so
 * no gate can admit a refunded ticket a moment later, and no outbox is needed for it.
 */
@Service
class TicketService {

	/** The list is the latest tickets, not all of them ever. */
	static final int LATEST = 100;

	private final TicketRepository tickets;

	private final ReservationService reservations;

	private final ConcertService concerts;

	private final TicketCodes codes;

	private final Clock clock;

	private final long stepSeconds;

	private final int stepTolerance;

	TicketService(TicketRepository tickets, ReservationService reservations, ConcertService concerts, TicketCodes codes,
			TicketProperties properties, Clock clock) {
		this.tickets = tickets;
		this.reservations = reservations;
		this.concerts = concerts;
		this.codes = codes;
		this.clock = clock;
		this.stepSeconds = properties.codeStep().toSeconds();
		this.stepTolerance = properties.stepTolerance();
	}

	/**
	 * A seat was paid for: its ticket, in the payment's transaction (a failure here fails
	 * the payment, so no paid seat is left without a ticket).
	 */
	@EventListener
	void issue(PaymentCompleted paid) {
		Reservation reservation = this.reservations.find(paid.reservationId())
			.orElseThrow(() -> new IllegalStateException("Paid reservation " + paid.reservationId() + " not found"));
		this.tickets.insert(
				new Ticket(TicketId.random(), reservation.id(), reservation.concertId(), reservation.concertDateId(),
						reservation.seatId(), paid.userId(), 1, Ticket.Status.VALID, this.clock.instant(), null));
	}

	/**
	 * A payment is being refunded: its ticket's codes are void from the refund's commit
	 * on. A ticket already admitted at a gate is not refunded, whoever asks: the fan is
	 * inside. Refusing here, in the refund's own transaction, rolls back all of it (the
	 * points, the seat), and as the refund's UPDATE and a check-in's each take the
	 * ticket's row, of the two at once one comes first and the other sees it.
	 * @throws dev.ticketing.common.ProblemException 409 {@code ALREADY_USED} if the
	 * ticket was admitted
	 */
	@EventListener
	void voidRefunded(PaymentRefunded refunded) {
		if (!this.tickets.refund(refunded.reservationId(), this.clock.instant())) {
			Optional<Ticket> ticket = this.tickets.findByReservation(refunded.reservationId());
			if (ticket.isPresent() && ticket.get().checkIn() != null) {
				throw TicketProblems.alreadyUsed(ticket.get().id(), ticket.get().checkIn());
			}
		}
	}

	/**
	 * The holder's latest tickets, newest first, each with its seat's place and, for one
	 * given to them, when.
	 */
	List<Held> heldBy(UserId holder) {
		List<TicketRepository.Holding> held = this.tickets.heldBy(holder, LATEST);
		Map<dev.ticketing.concert.SeatId, SeatPlace> places = this.concerts
			.places(held.stream().map((holding) -> holding.ticket().seatId()).toList());
		return held.stream()
			.map((holding) -> new Held(holding.ticket(), places.get(holding.ticket().seatId()), holding.receivedAt()))
			.toList();
	}

	/**
	 * The code the holder's phone shows now: signed for the current time step, so a copy
	 * of it opens the door only until {@code step-tolerance} steps later.
	 * @throws dev.ticketing.common.ProblemException 404 {@code TICKET_NOT_FOUND} unknown
	 * or not the holder's, 409 {@code TICKET_TRANSFERRED} given away, 409
	 * {@code TICKET_REFUNDED}
	 */
	Shown phoneCode(TicketId id, UserId holder) {
		Ticket ticket = showable(id, holder);
		Instant now = this.clock.instant();
		long step = step(now);
		String code = this.codes.sign(ticket, TicketCodes.Kind.PHONE, step, label(ticket));
		return new Shown(ticket, code, TicketCodes.Kind.PHONE, now, Instant.ofEpochSecond(step * this.stepSeconds),
				Instant.ofEpochSecond((step + 1) * this.stepSeconds),
				Instant.ofEpochSecond((step + 1 + this.stepTolerance) * this.stepSeconds));
	}

	/**
	 * The code to print, for a fan without a phone: no time step, so it opens the door as
	 * long as the ticket is valid; like every code, only once.
	 * @throws dev.ticketing.common.ProblemException as {@link #phoneCode}
	 */
	Shown printedCode(TicketId id, UserId holder) {
		Ticket ticket = showable(id, holder);
		String code = this.codes.sign(ticket, TicketCodes.Kind.PRINTED, 0, label(ticket));
		Instant now = this.clock.instant();
		return new Shown(ticket, code, TicketCodes.Kind.PRINTED, now, now, null, null);
	}

	/**
	 * Voids every code of the holder's ticket issued so far (a printed code lost, a
	 * screenshot sent to the wrong person): the ticket stays the holder's, and only codes
	 * asked for from now on open the door.
	 * @throws dev.ticketing.common.ProblemException 404 {@code TICKET_NOT_FOUND}, 409
	 * {@code TICKET_REFUNDED}, 409 {@code ALREADY_USED} once admitted
	 */
	Ticket voidCodes(TicketId id, UserId holder) {
		showable(id, holder);
		if (!this.tickets.voidCodes(id, holder)) {
			Ticket now = this.tickets.find(id).orElseThrow(() -> TicketProblems.notFound(id));
			if (!now.isHeldBy(holder)) {
				throw TicketProblems.transferred(id);
			}
			if (now.status() == Ticket.Status.REFUNDED) {
				throw TicketProblems.refunded(id);
			}
			throw TicketProblems.alreadyUsed(id, now.checkIn());
		}
		return this.tickets.find(id).orElseThrow();
	}

	/**
	 * Admits the scanned ticket at {@code gate} of {@code concert}, once: the code must
	 * be one of ours, for this concert (and for {@code date}, where the gate names the
	 * date it checks in for: null takes any), of the ticket's current version and, from a
	 * phone, of the current time step give or take the tolerance; then one conditional
	 * UPDATE admits it if no gate has before.
	 * @param staff who scanned, null in the open security mode
	 * @throws dev.ticketing.common.ProblemException 400 {@code INVALID_TICKET_CODE}, 409
	 * {@code WRONG_CONCERT}, 409 {@code WRONG_DATE}, 410 {@code CODE_EXPIRED}, 409
	 * {@code CODE_NOT_YET_VALID}, 409 {@code TICKET_REFUNDED}, 409 {@code TICKET_VOIDED},
	 * 409 {@code ALREADY_USED} (with the first scan's gate and time)
	 */
	Admitted checkIn(ConcertId concert, ConcertDateId date, String scanned, String gate, UserId staff) {
		TicketCodes.Scanned code = this.codes.read(scanned);
		if (!code.concert().equals(concert)) {
			throw TicketProblems.wrongConcert();
		}
		if (!code.isFor(date)) {
			throw TicketProblems.wrongDate();
		}
		Instant now = this.clock.instant();
		if (code.kind() == TicketCodes.Kind.PHONE) {
			long current = step(now);
			if (code.step() < current - this.stepTolerance) {
				throw TicketProblems.codeExpired();
			}
			if (code.step() > current + this.stepTolerance) {
				throw TicketProblems.codeNotYetValid();
			}
		}
		if (this.tickets.checkIn(code.ticket(), code.version(), concert, gate, staff, now)) {
			Ticket admitted = this.tickets.find(code.ticket()).orElseThrow();
			return new Admitted(admitted, place(admitted));
		}
		// Refused: read what the ticket is now, to say why. The UPDATE above waited for
		// any check-in racing it to commit, so a first scan is seen here.
		Ticket ticket = this.tickets.find(code.ticket()).orElseThrow(TicketProblems::invalidCode);
		if (ticket.status() == Ticket.Status.REFUNDED) {
			throw TicketProblems.refunded(ticket.id());
		}
		if (ticket.version() != code.version()) {
			throw TicketProblems.voided(ticket.id());
		}
		if (ticket.checkIn() != null) {
			throw TicketProblems.alreadyUsed(ticket.id(), ticket.checkIn());
		}
		// Signed for this concert, current and unused, yet not admitted: its row says
		// another concert, which only a code signed by a stolen key could claim.
		throw TicketProblems.wrongConcert();
	}

	/**
	 * The holder's ticket, whatever its state.
	 * @throws dev.ticketing.common.ProblemException 404 {@code TICKET_NOT_FOUND} unknown
	 * or never the holder's, 409 {@code TICKET_TRANSFERRED} given away by them
	 */
	Ticket heldBy(TicketId id, UserId holder) {
		Ticket ticket = this.tickets.find(id).orElseThrow(() -> TicketProblems.notFound(id));
		if (ticket.isHeldBy(holder)) {
			return ticket;
		}
		if (this.tickets.gaveAway(id, holder)) {
			throw TicketProblems.transferred(id);
		}
		throw TicketProblems.notFound(id);
	}

	private Ticket showable(TicketId id, UserId holder) {
		Ticket ticket = heldBy(id, holder);
		if (ticket.status() == Ticket.Status.REFUNDED) {
			throw TicketProblems.refunded(id);
		}
		return ticket;
	}

	private long step(Instant now) {
		return Math.floorDiv(now.getEpochSecond(), this.stepSeconds);
	}

	/** Where the ticket's seat is, or null for a seat laid out anew since. */
	SeatPlace place(Ticket ticket) {
		return this.concerts.places(List.of(ticket.seatId())).get(ticket.seatId());
	}

	private String label(Ticket ticket) {
		return Optional.ofNullable(place(ticket)).map(SeatPlace::label).orElse(null);
	}

	/**
	 * A ticket with its seat's place (null for a seat laid out anew since) and when it
	 * was given to its holder (null: they bought it).
	 */
	record Held(Ticket ticket, SeatPlace place, Instant receivedAt) {
	}

	/**
	 * A code to show, signed {@code at}: from {@code shownFrom}; a phone fetches the next
	 * at {@code refreshAt}, and a gate takes this one until {@code expiresAt} (both null
	 * for a printed code, which has no time step).
	 */
	record Shown(Ticket ticket, String code, TicketCodes.Kind kind, Instant at, Instant shownFrom, Instant refreshAt,
			Instant expiresAt) {
	}

	/** A ticket let in, with its seat's place (null if unknown). */
	record Admitted(Ticket ticket, SeatPlace place) {
	}

}
