package dev.ticketing.saleevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ticketing.common.SaleStatus;

/**
 * Something that happened in a sale, as it leaves the service (on the topic
 * {@code concert.events.topic}, keyed by {@link #key()}), described by
 * {@code /sale-events.schema.json}.
 * <p>
 * A reservation's events have a {@code sequence}: 1 when its hold was placed, 2 when the
 * hold ended (paid, cancelled or expired: only one of them), 3 when its payment was
 * refunded. A consumer orders a reservation's events by it: the broker keeps one key's
 * messages in order, but an event retried after a broker outage may arrive after a later
 * one. Its {@code eventId} is derived from the reservation and what happened to it, so a
 * duplicate (the same event delivered again, which at-least-once delivery allows) has the
 * same id. A sale's status changes are keyed by the concert, with an id of their own.
 *
 * @param eventId the event's stable id
 * @param type what happened
 * @param sequence the step of the reservation's life (1 to 3); none for a sale's status
 * @param occurredAt when the service recorded it
 * @param concertId the concert
 * @param reservationId the reservation, for every event but a sale's status change
 * @param userId the fan whose reservation it is
 * @param seatId the seat, where the event names it
 * @param paymentId the payment paid or refunded
 * @param amount the points paid or refunded
 * @param expiresAt when a placed hold runs out
 * @param saleStatus the sale's new status
 * @param previousSaleStatus the sale's status before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SaleEvent(UUID eventId, Type type, Integer sequence, Instant occurredAt, UUID concertId,
		UUID reservationId, UUID userId, Long seatId, UUID paymentId, Long amount, Instant expiresAt,
		SaleStatus saleStatus, SaleStatus previousSaleStatus) {

	public SaleEvent {
		Objects.requireNonNull(eventId, "eventId");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(occurredAt, "occurredAt");
		Objects.requireNonNull(concertId, "concertId");
		if ((reservationId == null) != (type == Type.SALE_STATUS_CHANGED)) {
			throw new IllegalArgumentException(type + " must name a reservation exactly when it is about one");
		}
	}

	/** What happened, and at which step of a reservation's life. */
	public enum Type {

		HOLD_PLACED(1), HOLD_EXPIRED(2), HOLD_CANCELLED(2), RESERVATION_PAID(2), PAYMENT_REFUNDED(3),
		SALE_STATUS_CHANGED(0);

		private final int sequence;

		Type(int sequence) {
			this.sequence = sequence;
		}

	}

	/** The event of {@code type} about a reservation, its id and sequence derived. */
	static SaleEvent ofReservation(Type type, UUID reservation, Instant at, UUID concert, UUID user, Long seat,
			UUID payment, Long amount, Instant expiresAt) {
		return new SaleEvent(idOf(type, reservation), type, type.sequence, at, concert, reservation, user, seat,
				payment, amount, expiresAt, null, null);
	}

	static SaleEvent ofSale(UUID concert, SaleStatus from, SaleStatus to, Instant at) {
		return new SaleEvent(UUID.randomUUID(), Type.SALE_STATUS_CHANGED, null, at, concert, null, null, null, null,
				null, null, to, from);
	}

	/**
	 * The id of the event of {@code type} about {@code reservation}: each happens to a
	 * reservation at most once, so the pair names it.
	 */
	public static UUID idOf(Type type, UUID reservation) {
		return UUID.nameUUIDFromBytes(("sale-event:" + type + ":" + reservation).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The broker's key: the reservation, so its events go to one partition in the order
	 * sent; a sale's status changes by concert.
	 */
	public String key() {
		return String.valueOf((this.reservationId != null) ? this.reservationId : this.concertId);
	}

}
