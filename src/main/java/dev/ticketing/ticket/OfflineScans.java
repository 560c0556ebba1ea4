package dev.ticketing.ticket;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatPlace;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gates without signal: what they take along (the voided tickets of a concert; the keys
 * are public) and the scans they made offline, checked in when they are back.
 * <p>
 * A synced scan is checked as the gate checked it, as of its own time: the code must be
 * ours, for this concert, of the ticket's current version and, from a phone, of the time
 * step of the scan. Scans are applied in the order they were made, each by one
 * conditional statement, and the earliest scan of a ticket is its check-in, whichever
 * gate syncs first: a later one is answered as a conflict naming the first. A check-in
 * made online is never moved: an offline scan earlier than it is the conflict.
 */
@Service
class OfflineScans {

	/** How far ahead of this service's clock a gate's clock may run. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	/** How long a gate may stay offline: scans older than this are not taken. */
	static final Duration OLDEST_SCAN = Duration.ofDays(1);

	private final OfflineGateRepository gates;

	private final TicketRepository tickets;

	private final TicketService service;

	private final TicketCodes codes;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final long stepSeconds;

	private final int stepTolerance;

	OfflineScans(OfflineGateRepository gates, TicketRepository tickets, TicketService service, TicketCodes codes,
			TicketProperties properties, TransactionTemplate transactions, Clock clock) {
		this.gates = gates;
		this.tickets = tickets;
		this.service = service;
		this.codes = codes;
		this.transactions = transactions;
		this.clock = clock;
		this.stepSeconds = properties.codeStep().toSeconds();
		this.stepTolerance = properties.stepTolerance();
	}

	/** The concert's tickets whose older codes, or all codes, open no door. */
	List<OfflineGateRepository.Voided> voided(ConcertId concert) {
		return this.gates.voided(concert);
	}

	/**
	 * Checks in the scans a gate made offline, the earliest first; the answers in the
	 * order of {@code scans}.
	 * @param staff who syncs, null in the open security mode
	 */
	List<Synced> sync(ConcertId concert, List<Scan> scans, UserId staff) {
		Instant now = this.clock.instant();
		Synced[] answers = new Synced[scans.size()];
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < scans.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparing((Integer i) -> scans.get(i).at()));
		for (int i : order) {
			answers[i] = apply(concert, scans.get(i), staff, now);
		}
		return Arrays.asList(answers);
	}

	private Synced apply(ConcertId concert, Scan scan, UserId staff, Instant now) {
		TicketCodes.Scanned code;
		try {
			code = this.codes.read(scan.code());
		}
		catch (ProblemException refused) {
			return Synced.refused(null, refused.code());
		}
		if (!code.concert().equals(concert)) {
			return Synced.refused(code.ticket(), "WRONG_CONCERT");
		}
		if (!code.isFor(scan.date())) {
			return Synced.refused(code.ticket(), "WRONG_DATE");
		}
		if (scan.at().isAfter(now.plus(CLOCK_SKEW)) || scan.at().isBefore(now.minus(OLDEST_SCAN))) {
			return Synced.refused(code.ticket(), "INVALID_SCAN_TIME");
		}
		// A gate's clock a little ahead: the scan cannot have been later than now.
		Instant at = (scan.at().isAfter(now) ? now : scan.at()).truncatedTo(ChronoUnit.MICROS);
		if (code.kind() == TicketCodes.Kind.PHONE) {
			long step = Math.floorDiv(at.getEpochSecond(), this.stepSeconds);
			if (code.step() < step - this.stepTolerance) {
				return Synced.refused(code.ticket(), "CODE_EXPIRED");
			}
			if (code.step() > step + this.stepTolerance) {
				return Synced.refused(code.ticket(), "CODE_NOT_YET_VALID");
			}
		}
		Ticket before = this.tickets.find(code.ticket()).orElse(null);
		if (before == null) {
			return Synced.refused(code.ticket(), "INVALID_TICKET_CODE");
		}
		if (at.isBefore(before.issuedAt())) {
			// No code of the ticket existed then: the gate's clock is wrong.
			return Synced.refused(code.ticket(), "INVALID_SCAN_TIME");
		}
		Ticket.CheckIn mine = new Ticket.CheckIn(scan.gate(), at, staff);
		// The row locked while the UPDATE decides, so that what it replaced is known for
		// the answer; the UPDATE's row count alone decides.
		Replaced replaced = this.transactions.execute((status) -> {
			Ticket.CheckIn recorded = this.gates.lockCheckIn(code.ticket()).orElse(null);
			if (recorded != null && sameScan(recorded, mine)) {
				// Sent again (the answer to an earlier sync was lost): already this
				// scan's.
				return new Replaced(true, null);
			}
			return new Replaced(this.gates.checkInAsOf(code.ticket(), code.version(), concert, scan.gate(), staff, at),
					recorded);
		});
		Ticket after = this.tickets.find(code.ticket()).orElseThrow();
		SeatPlace place = this.service.place(after);
		if (replaced.first()) {
			// The earliest so far; a later scan of another gate it took the place of is
			// the conflict.
			return (replaced.previous() != null) ? Synced.displacing(after, place, replaced.previous())
					: Synced.admitted(after, place);
		}
		if (after.status() == Ticket.Status.REFUNDED) {
			return Synced.refused(after.id(), "TICKET_REFUNDED");
		}
		if (after.version() != code.version()) {
			return Synced.refused(after.id(), "TICKET_VOIDED");
		}
		if (after.checkIn() != null) {
			return Synced.conflict(after, place);
		}
		return Synced.refused(after.id(), "WRONG_CONCERT");
	}

	/** Whether a scan is the ticket's check-in, and the check-in it replaced, if any. */
	private record Replaced(boolean first, Ticket.CheckIn previous) {
	}

	private static boolean sameScan(Ticket.CheckIn recorded, Ticket.CheckIn scan) {
		return recorded.gate().equals(scan.gate()) && recorded.at().equals(scan.at());
	}

	/**
	 * A scan an offline gate made: the code, where and when, and the date it checked in
	 * for (null: any of the concert's).
	 */
	record Scan(String code, String gate, Instant at, ConcertDateId date) {
	}

	/**
	 * What became of a synced scan.
	 *
	 * @param checkIn the ticket's check-in: the earliest scan, this one or another
	 * @param displaced for a conflict this scan won: the later scan of another gate it
	 * took the place of
	 */
	record Synced(Outcome outcome, TicketId ticket, String refusal, Ticket.CheckIn checkIn, SeatPlace place,
			Ticket.CheckIn displaced) {

		static Synced admitted(Ticket ticket, SeatPlace place) {
			return new Synced(Outcome.ADMITTED, ticket.id(), null, ticket.checkIn(), place, null);
		}

		static Synced conflict(Ticket ticket, SeatPlace place) {
			return new Synced(Outcome.CONFLICT, ticket.id(), null, ticket.checkIn(), place, null);
		}

		static Synced displacing(Ticket ticket, SeatPlace place, Ticket.CheckIn later) {
			return new Synced(Outcome.CONFLICT, ticket.id(), null, ticket.checkIn(), place, later);
		}

		static Synced refused(TicketId ticket, String code) {
			return new Synced(Outcome.REFUSED, ticket, code, null, null, null);
		}

	}

	/**
	 * ADMITTED: the ticket's check-in, no other scan of it known; CONFLICT: scanned at
	 * another gate too, the earliest scan winning; REFUSED: no door should have opened.
	 */
	enum Outcome {

		ADMITTED, CONFLICT, REFUSED

	}

}
