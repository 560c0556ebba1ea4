package dev.ticketing.ticket;

import java.util.List;
import java.util.Optional;

import dev.ticketing.common.UserId;
import dev.ticketing.concert.SeatPlace;
import dev.ticketing.reservation.ReservationId;

import org.springframework.stereotype.Component;

/**
 * A paid reservation's ticket as it goes out on paper or by mail: its printed code (which
 * opens the door for as long as the ticket is valid, once), that code as a QR image, and
 * the seat's place.
 */
@Component
public class PrintedTickets {

	private final TicketRepository tickets;

	private final TicketService service;

	PrintedTickets(TicketRepository tickets, TicketService service) {
		this.tickets = tickets;
		this.service = service;
	}

	/** The holder's valid ticket for the reservation, printed; empty if none. */
	public Optional<Printed> of(ReservationId reservation, UserId holder) {
		return this.tickets.heldBy(holder, TicketService.LATEST)
			.stream()
			.filter((ticket) -> ticket.reservationId().equals(reservation) && ticket.status() == Ticket.Status.VALID)
			.findFirst()
			.map((ticket) -> {
				TicketService.Shown shown = this.service.printedCode(ticket.id(), holder);
				SeatPlace place = this.service.heldBy(holder)
					.stream()
					.filter((held) -> held.ticket().id().equals(ticket.id()))
					.map(TicketService.Held::place)
					.findFirst()
					.orElse(null);
				return new Printed(ticket.id().toString(), shown.code(), QrCodes.svg(shown.code()), place);
			});
	}

	/**
	 * @param ticketId the ticket's id
	 * @param code the printed code, for the gate to scan or type
	 * @param qrSvg the code as a QR image (SVG)
	 * @param place where the seat is, if the catalogue knows
	 */
	public record Printed(String ticketId, String code, String qrSvg, SeatPlace place) {

		public List<String> placeLines() {
			if (this.place == null) {
				return List.of();
			}
			return List.of(this.place.concertTitle(), this.place.startsAt().atZone(this.place.timeZone()).toString(),
					"Section " + this.place.section() + ", row " + this.place.row() + ", seat " + this.place.label());
		}

	}

}
