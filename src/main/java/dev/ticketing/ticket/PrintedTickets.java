package dev.ticketing.ticket;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
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

	private final TicketService service;

	PrintedTickets(TicketService service) {
		this.service = service;
	}

	/** The holder's valid ticket for the reservation, printed; empty if none. */
	public Optional<Printed> of(ReservationId reservation, UserId holder) {
		return this.service.heldBy(holder)
			.stream()
			.filter((held) -> held.ticket().reservationId().equals(reservation)
					&& held.ticket().status() == Ticket.Status.VALID)
			.findFirst()
			.map((held) -> {
				String code = this.service.printedCode(held.ticket().id(), holder).code();
				return new Printed(held.ticket().id().toString(), code, QrCodes.svg(code), held.place());
			});
	}

	/** The holder's ticket, printed, if it is valid and theirs; empty if not. */
	public Optional<Printed> of(TicketId ticket, UserId holder) {
		return this.service.heldBy(holder)
			.stream()
			.filter((held) -> held.ticket().id().equals(ticket) && held.ticket().status() == Ticket.Status.VALID)
			.findFirst()
			.map((held) -> {
				String code = this.service.printedCode(held.ticket().id(), holder).code();
				return new Printed(held.ticket().id().toString(), code, QrCodes.svg(code), held.place());
			});
	}

	/**
	 * @param ticketId the ticket's id
	 * @param code the printed code, for the gate to scan or type
	 * @param qrSvg the code as a QR image (SVG)
	 * @param place where the seat is, if the catalogue knows
	 */
	public record Printed(String ticketId, String code, String qrSvg, SeatPlace place) {

		private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm",
				Locale.ENGLISH);

		public List<String> placeLines() {
			if (this.place == null) {
				return List.of();
			}
			String seat = "Section " + this.place.section() + ", row " + this.place.row() + ", seat "
					+ this.place.label();
			if (this.place.startsAt() == null) {
				return List.of(this.place.concertTitle(), seat);
			}
			ZoneId zone = (this.place.timeZone() != null) ? this.place.timeZone() : ZoneOffset.UTC;
			return List.of(this.place.concertTitle(),
					DATE.format(this.place.startsAt().atZone(zone)) + " (" + zone + ")", seat);
		}

	}

}
