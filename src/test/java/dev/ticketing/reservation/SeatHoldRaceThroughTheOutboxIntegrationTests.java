package dev.ticketing.reservation;

import org.junit.jupiter.api.AfterEach;

import dev.ticketing.support.OnKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seat hold races again with every sale event written to the outbox and sent to
 * Kafka, as in prod: the same single winners, and the publication registry holds only the
 * externaliser's rows, at most one per event a reservation can have, never one per upkeep
 * listener that runs after each hold (claims, caches, metrics).
 */
@OnKafka
class SeatHoldRaceThroughTheOutboxIntegrationTests extends SeatHoldRaceIntegrationTests {

	@AfterEach
	void theRegistryHoldsTheSaleEventsAndNothingElse() {
		Long reservations = this.jdbc.queryForObject("SELECT count(*) FROM reservation", Long.class);
		Long rows = this.jdbc.queryForObject("SELECT count(*) FROM event_publication", Long.class);
		Long others = this.jdbc.queryForObject(
				"SELECT count(*) FROM event_publication WHERE listener_id NOT LIKE '%DelegatingEventExternalizer%'",
				Long.class);
		System.out.printf("Outbox: %d reservations, %d publications%n", reservations, rows);
		assertThat(others).isZero();
		// A hold placed, then paid, cancelled or expired: two events a reservation at
		// most
		// here (no refunds), and the concerts' status changes.
		assertThat(rows).isGreaterThanOrEqualTo(reservations).isLessThanOrEqualTo(2 * reservations + 10);
	}

}
