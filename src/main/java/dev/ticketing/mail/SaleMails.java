package dev.ticketing.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatPlace;
import dev.ticketing.payment.PaymentCompleted;
import dev.ticketing.payment.PaymentRefunded;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.saleevents.SaleEvent;
import dev.ticketing.ticket.PrintedTickets;
import dev.ticketing.ticket.TicketTransferred;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.modulith.events.ApplicationModuleListener;

/**
 * The mails a sale sends. Each listener runs after its event's transaction committed, on
 * a thread of its own (the payment's answer never waits for SMTP), through the outbox:
 * Spring Modulith records the delivery with the payment and retries it until the SMTP
 * server takes the mail ({@code OutboxUpkeep}). A mail is recorded under its event's id
 * in the same transaction as it is sent, so a delivery repeated after it went out finds
 * the record and sends nothing.
 */
class SaleMails {

	private final MailRepository mails;

	private final JavaMailSender sender;

	private final PrintedTickets tickets;

	private final ReservationService reservations;

	private final ConcertService concerts;

	private final MailProperties properties;

	private final Clock clock;

	SaleMails(MailRepository mails, JavaMailSender sender, PrintedTickets tickets, ReservationService reservations,
			ConcertService concerts, MailProperties properties, Clock clock) {
		this.mails = mails;
		this.sender = sender;
		this.tickets = tickets;
		this.reservations = reservations;
		this.concerts = concerts;
		this.properties = properties;
		this.clock = clock;
	}

	/** The confirmation with the ticket: its printed code, as text and as a QR image. */
	@ApplicationModuleListener
	void on(PaymentCompleted paid) {
		send(SaleEvent.idOf(SaleEvent.Type.RESERVATION_PAID, paid.reservationId().value()), paid.userId(),
				"PAYMENT_CONFIRMED", () -> confirmation(paid));
	}

	/** The notice of a refund: points back, the ticket void. */
	@ApplicationModuleListener
	void on(PaymentRefunded refunded) {
		send(SaleEvent.idOf(SaleEvent.Type.PAYMENT_REFUNDED, refunded.reservationId().value()), refunded.userId(),
				"PAYMENT_REFUNDED", () -> refundNotice(refunded));
	}

	/**
	 * A ticket given to a friend: the receiver gets it with its new printed code, the
	 * giver a word that the codes they had open no door any more. Each mail has an id of
	 * its own (the same ticket can be given on again later), derived from the transfer.
	 */
	@ApplicationModuleListener
	void on(TicketTransferred transferred) {
		String transfer = "TICKET_TRANSFERRED:" + transferred.ticketId() + ":" + transferred.at().toEpochMilli();
		send(UUID.nameUUIDFromBytes((transfer + ":to").getBytes(StandardCharsets.UTF_8)), transferred.to(),
				"TICKET_RECEIVED", () -> received(transferred));
		send(UUID.nameUUIDFromBytes((transfer + ":from").getBytes(StandardCharsets.UTF_8)), transferred.from(),
				"TICKET_GIVEN",
				() -> new Letter("Your ticket was given",
						"You gave a ticket to another fan. The codes you had of it, printed ones too, no longer "
								+ "open the door; it is theirs now.\n\nMy tickets: " + this.properties.ticketsUrl()
								+ "\n",
						null));
	}

	private Letter received(TicketTransferred transferred) {
		PrintedTickets.Printed ticket = this.tickets.of(transferred.ticketId(), transferred.to()).orElse(null);
		StringBuilder text = new StringBuilder("A fan gave you a ticket. It is in My tickets: ")
			.append(this.properties.ticketsUrl())
			.append('\n');
		if (ticket == null) {
			return new Letter("A ticket for you", text.toString(), null);
		}
		text.append('\n');
		ticket.placeLines().forEach((line) -> text.append(line).append('\n'));
		text.append("\nWithout a phone, print this code (attached as a QR image); it opens the door once:\n\n")
			.append(ticket.code())
			.append('\n');
		String subject = "A ticket for you" + ((ticket.place() != null) ? ": " + ticket.place().concertTitle() : "");
		return new Letter(subject, text.toString(), ticket.qrSvg());
	}

	private Letter confirmation(PaymentCompleted paid) {
		PrintedTickets.Printed ticket = this.tickets.of(paid.reservationId(), paid.userId()).orElse(null);
		StringBuilder text = new StringBuilder("Thank you: your payment of ").append(paid.amount().value())
			.append(" points went through and your seat is yours.\n\n");
		if (ticket == null) {
			text.append("Your ticket is in My tickets: ").append(this.properties.ticketsUrl()).append('\n');
			return new Letter("Your ticket", text.toString(), null);
		}
		ticket.placeLines().forEach((line) -> text.append(line).append('\n'));
		text.append("\nYour ticket shows a code that changes every few seconds in My tickets: ")
			.append(this.properties.ticketsUrl())
			.append("\nWithout a phone, print this code (attached as a QR image); it opens the door once:\n\n")
			.append(ticket.code())
			.append('\n');
		String subject = "Your ticket" + ((ticket.place() != null) ? ": " + ticket.place().concertTitle() : "");
		return new Letter(subject, text.toString(), ticket.qrSvg());
	}

	private Letter refundNotice(PaymentRefunded refunded) {
		SeatPlace place = this.reservations.find(refunded.reservationId())
			.map((reservation) -> this.concerts.places(List.of(reservation.seatId())).get(reservation.seatId()))
			.orElse(null);
		String text = "Your payment of " + refunded.amount().value() + " points was refunded to your wallet"
				+ ((place != null) ? " for " + place.concertTitle() + ", section " + place.section() + ", row "
						+ place.row() + ", seat " + place.label() : "")
				+ ".\nThe ticket's codes, printed ones too, no longer open the door.\n\nMy tickets: "
				+ this.properties.ticketsUrl() + "\n";
		return new Letter("Your refund", text, null);
	}

	/**
	 * Sends the mail answering {@code event} to {@code user}'s address, unless they have
	 * none (then the letter is not even written) or it was sent already. A failure to
	 * send rolls the record back and throws, so the outbox retries it. Runs in the
	 * listener's own transaction.
	 */
	void send(UUID event, UserId user, String kind, Supplier<Letter> write) {
		String to = this.mails.contact(user).orElse(null);
		if (to == null) {
			return;
		}
		Letter letter = write.get();
		if (!this.mails.recordSent(event, user, kind, to, letter.subject(), this.clock.instant())) {
			return;
		}
		MimeMessage message = this.sender.createMimeMessage();
		try {
			MimeMessageHelper mail = new MimeMessageHelper(message, letter.qrSvg() != null);
			mail.setFrom(this.properties.from());
			mail.setTo(to);
			mail.setSubject(letter.subject());
			mail.setText(letter.text());
			if (letter.qrSvg() != null) {
				mail.addAttachment("ticket.svg", new ByteArrayResource(letter.qrSvg().getBytes(StandardCharsets.UTF_8)),
						"image/svg+xml");
			}
			message.setHeader("X-Concert-Event-Id", event.toString());
		}
		catch (MessagingException ex) {
			throw new MailPreparationException(ex);
		}
		this.sender.send(message);
	}

	/**
	 * A mail's content: a subject, its text, and a ticket's QR image to attach, if any.
	 */
	record Letter(String subject, String text, String qrSvg) {
	}

}
