package dev.ticketing.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ticketing.common.Caller;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.SeatPlace;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A fan's own tickets and their codes (the holder only: a ticket's code lets its bearer
 * in, so not even an organiser is shown it); and the public keys any gate checks codes
 * with.
 */
@RestController
@Tag(name = "ticket", description = "Tickets: a fan's tickets and their codes, the keys gates verify codes with")
class TicketController {

	private final TicketService tickets;

	private final TicketKeys keys;

	private final TicketTransfers transfers;

	TicketController(TicketService tickets, TicketTransfers transfers, TicketKeys keys) {
		this.tickets = tickets;
		this.transfers = transfers;
		this.keys = keys;
	}

	/** The user's latest tickets, newest first. */
	@GetMapping("/api/v1/users/{userId}/tickets")
	@ApiResponse(responseCode = "200", description = "The latest tickets, newest first, each with its seat's place")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: another user's tickets")
	List<TicketEntry> tickets(@PathVariable String userId, Caller caller) {
		UserId holder = caller.requireSelf(UserId.of(userId));
		return this.tickets.heldBy(holder).stream().map(TicketEntry::of).toList();
	}

	/**
	 * The code the fan's phone shows now, as text and as a QR code: valid for this time
	 * step and the next, so the page fetches a new one at {@code refreshAt} and a
	 * screenshot stops opening the door within a minute.
	 */
	@GetMapping("/api/v1/users/{userId}/tickets/{ticketId}/code")
	@ApiResponse(responseCode = "200", description = "The ticket's code for the current time step")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: another user's ticket")
	@ApiResponse(responseCode = "404", description = "TICKET_NOT_FOUND: unknown, or not this user's")
	@ApiResponse(responseCode = "409", description = "TICKET_REFUNDED: the ticket was refunded")
	ResponseEntity<CodeView> code(@PathVariable String userId, @PathVariable String ticketId, Caller caller) {
		UserId holder = caller.requireSelf(UserId.of(userId));
		return noStore(CodeView.of(this.tickets.phoneCode(TicketId.of(ticketId), holder)));
	}

	/**
	 * A code to print, for a fan without a phone: it has no time step and opens the door
	 * once, as long as the ticket is valid.
	 */
	@GetMapping("/api/v1/users/{userId}/tickets/{ticketId}/printed-code")
	@ApiResponse(responseCode = "200", description = "The ticket's printable code")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: another user's ticket")
	@ApiResponse(responseCode = "404", description = "TICKET_NOT_FOUND: unknown, or not this user's")
	@ApiResponse(responseCode = "409", description = "TICKET_REFUNDED: the ticket was refunded")
	ResponseEntity<CodeView> printedCode(@PathVariable String userId, @PathVariable String ticketId, Caller caller) {
		UserId holder = caller.requireSelf(UserId.of(userId));
		return noStore(CodeView.of(this.tickets.printedCode(TicketId.of(ticketId), holder)));
	}

	/**
	 * Voids every code of the ticket shown or printed so far, for a fan whose printed
	 * code is lost or whose screen was copied: the codes asked for afterwards open the
	 * door, the old ones answer TICKET_VOIDED.
	 */
	@PostMapping("/api/v1/users/{userId}/tickets/{ticketId}/void-codes")
	@ApiResponse(responseCode = "200", description = "The ticket, whose earlier codes no longer open the door")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: another user's ticket")
	@ApiResponse(responseCode = "404", description = "TICKET_NOT_FOUND: unknown, or not this user's")
	@ApiResponse(responseCode = "409",
			description = "TICKET_REFUNDED: the ticket was refunded; ALREADY_USED: admitted already")
	TicketEntry voidCodes(@PathVariable String userId, @PathVariable String ticketId, Caller caller) {
		UserId holder = caller.requireSelf(UserId.of(userId));
		Ticket ticket = this.tickets.voidCodes(TicketId.of(ticketId), holder);
		return TicketEntry.of(new TicketService.Held(ticket, this.tickets.place(ticket), null));
	}

	/**
	 * Gives the ticket to another fan, by their account id, at face value: it is theirs
	 * from now on, in their tickets, counted against their cap on tickets per fan; every
	 * code the giver was shown opens no door any more. No money moves, and neither fan
	 * can refund it afterwards (the points are the buyer's; an organiser still can, and
	 * they go back to the buyer). Only the holder themself may give it: not an organiser,
	 * not gate staff.
	 */
	@PostMapping("/api/v1/users/{userId}/tickets/{ticketId}/transfers")
	@ApiResponse(responseCode = "201", description = "Given: the receiver holds the ticket now")
	@ApiResponse(responseCode = "400",
			description = "TRANSFER_TO_SELF: the receiver is the holder; INVALID_ID: toUser is not a user id")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: another user's ticket")
	@ApiResponse(responseCode = "404", description = "TICKET_NOT_FOUND: unknown, or never this user's")
	@ApiResponse(responseCode = "409",
			description = "TICKET_TRANSFERRED: given away already; TICKET_REFUNDED; ALREADY_USED: admitted at a "
					+ "gate; TICKET_LIMIT: the receiver has as many tickets of the concert as one fan may")
	@ApiResponse(responseCode = "422", description = "UNKNOWN_RECEIVER: no fan with that account has signed in here")
	ResponseEntity<TransferView> transfer(@PathVariable String userId, @PathVariable String ticketId,
			@RequestBody TransferRequest request, Caller caller) {
		UserId holder = caller.requireSelf(UserId.of(userId));
		TicketTransferred done = this.transfers.transfer(TicketId.of(ticketId), holder,
				UserId.of(request.toUser(), "toUser"));
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new TransferView(done.ticketId().toString(), done.from().toString(), done.to().toString(),
					done.at()));
	}

	/**
	 * The public keys ticket codes are signed with, as a JWK Set (RFC 7517, OKP keys of
	 * RFC 8037): a gate keeps them and verifies codes offline. The signing key comes
	 * first; the others verify codes signed before the last rotation.
	 */
	@GetMapping("/api/v1/tickets/keys")
	@ApiResponse(responseCode = "200", description = "The JWK Set of the keys ticket codes are signed with")
	ResponseEntity<KeySet> keys() {
		List<Jwk> keys = this.keys.published()
			.stream()
			.map((key) -> new Jwk("OKP", "Ed25519", key.x().toString(), key.id(), "sig", "EdDSA"))
			.toList();
		return ResponseEntity.ok()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.body(new KeySet(keys));
	}

	private static <T> ResponseEntity<T> noStore(T body) {
		// A code is a key to the door: no cache keeps it.
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
	}

	/**
	 * A ticket as its holder sees it. The seat's place is left out only for a seat laid
	 * out anew since.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TicketEntry(String ticketId, String reservationId, String concertId, long concertDateId, long seatId,
			@Schema(description = "VALID: opens the door once; REFUNDED: opens nothing") Ticket.Status status,
			Instant issuedAt, @Schema(description = "When the ticket was admitted at a gate") Instant checkedInAt,
			@Schema(description = "The gate that admitted it") String checkedInGate,
			@Schema(description = "The concert's title") String concertTitle,
			@Schema(description = "The concert's time zone", example = "Asia/Seoul") String timeZone,
			@Schema(description = "When the seat's date starts") Instant startsAt,
			@Schema(description = "The seat's section in the hall", example = "A") String section,
			@Schema(description = "The seat's row in its section", example = "3") String row,
			@Schema(description = "The seat's label: section-row-seat", example = "A-3-7") String label,
			Integer seatNumber,
			@Schema(description = "When another fan gave it to its holder; absent for one they bought") Instant receivedAt) {

		static TicketEntry of(TicketService.Held held) {
			Ticket t = held.ticket();
			SeatPlace place = held.place();
			return new TicketEntry(t.id().toString(), t.reservationId().toString(), t.concertId().toString(),
					t.concertDateId().value(), t.seatId().value(), t.status(), t.issuedAt(),
					(t.checkIn() != null) ? t.checkIn().at() : null, (t.checkIn() != null) ? t.checkIn().gate() : null,
					(place != null) ? place.concertTitle() : null, (place != null) ? place.timeZone().getId() : null,
					(place != null) ? place.startsAt() : null, (place != null) ? place.section() : null,
					(place != null) ? place.row() : null, (place != null) ? place.label() : null,
					(place != null) ? place.seatNumber() : null, held.receivedAt());
		}

	}

	/**
	 * A code to show or print.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CodeView(String ticketId,
			@Schema(description = "PHONE: changes every step; PRINTED: has no time step") TicketCodes.Kind kind,
			@Schema(description = "The signed code (a compact JWS) the QR code holds: what a gate scans") String code,
			@Schema(description = "The code as a QR code, an SVG picture with no script or style") String qrSvg,
			@Schema(description = "Since when this code is shown") Instant shownFrom,
			@Schema(description = "When a phone fetches the next code (phone codes only)") Instant refreshAt,
			@Schema(description = "Until when a gate takes this code (phone codes only)") Instant expiresAt,
			@Schema(description = "Seconds from now to refreshAt, for a client whose clock is off "
					+ "(phone codes only)") Long refreshInSeconds) {

		static CodeView of(TicketService.Shown shown) {
			Long refreshIn = (shown.refreshAt() != null)
					? Math.max(1, (Duration.between(shown.at(), shown.refreshAt()).toMillis() + 999) / 1000) : null;
			return new CodeView(shown.ticket().id().toString(), shown.kind(), shown.code(), QrCodes.svg(shown.code()),
					shown.shownFrom(), shown.refreshAt(), shown.expiresAt(), refreshIn);
		}

	}

	/**
	 * @param toUser the receiving fan's account: their user id (the {@code sub} of their
	 * access token), shown on their own tickets page
	 */
	record TransferRequest(@Schema(description = "The receiving fan's user id") String toUser) {
	}

	/** A ticket given from one fan to another. */
	record TransferView(String ticketId, @Schema(description = "Who gave it") String fromUser,
			@Schema(description = "Who holds it now") String toUser, Instant transferredAt) {
	}

	/** A JWK Set: {@code {"keys": [...]}}. */
	record KeySet(List<Jwk> keys) {
	}

	/**
	 * An Ed25519 public key as a JWK (RFC 8037): {@code x} is the key's 32 bytes,
	 * base64url.
	 */
	record Jwk(@Schema(example = "OKP") String kty, @Schema(example = "Ed25519") String crv, String x,
			@Schema(description = "The key id a code's JWS header names (kid)") String kid,
			@Schema(example = "sig") String use, @Schema(example = "EdDSA") String alg) {
	}

}
