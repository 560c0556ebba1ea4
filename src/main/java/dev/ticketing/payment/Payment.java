package dev.ticketing.payment;

import java.time.Instant;
import java.util.UUID;

import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.ReservationId;

public record Payment(UUID id, ReservationId reservationId, UserId userId, Points amount, Instant paidAt) {

	public String status() {
		return "COMPLETED";
	}

}
