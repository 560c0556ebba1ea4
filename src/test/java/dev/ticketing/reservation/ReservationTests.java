package dev.ticketing.reservation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;

import static org.assertj.core.api.Assertions.assertThat;

class ReservationTests {

	private static final Instant HELD_AT = Instant.parse("2027-03-01T10:00:00Z");

	private static final Instant EXPIRES_AT = HELD_AT.plusSeconds(300);

	private static final UserId USER = new UserId(UUID.fromString("8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10"));

	@Test
	void isOwnedOnlyByItsUser() {
		Reservation held = reservation(ReservationStatus.HELD);
		assertThat(held.isOwnedBy(USER)).isTrue();
		assertThat(held.isOwnedBy(new UserId(UUID.randomUUID()))).isFalse();
	}

	@Test
	void isALiveHoldUntilTheMillisecondItExpiresAndThenExpiredWhetherSweptOrNot() {
		Reservation held = reservation(ReservationStatus.HELD);
		assertThat(held.isLiveAt(EXPIRES_AT.minusMillis(1))).isTrue();
		assertThat(held.statusAt(EXPIRES_AT.minusMillis(1))).isEqualTo(ReservationStatus.HELD);
		assertThat(held.isLiveAt(EXPIRES_AT)).isFalse();
		assertThat(held.statusAt(EXPIRES_AT)).isEqualTo(ReservationStatus.EXPIRED);
		assertThat(reservation(ReservationStatus.PAID).statusAt(EXPIRES_AT.plusSeconds(1)))
			.as("a paid one does not run out")
			.isEqualTo(ReservationStatus.PAID);
		assertThat(reservation(ReservationStatus.PAID).isLiveAt(HELD_AT)).isFalse();
	}

	@Test
	void aHoldIsPaidExpiresOrIsCancelledAPaidOneIsRefundedAndNothingElseMoves() {
		assertThat(ReservationStatus.sourcesOf(ReservationStatus.PAID)).containsExactly(ReservationStatus.HELD);
		assertThat(ReservationStatus.sourcesOf(ReservationStatus.EXPIRED)).containsExactly(ReservationStatus.HELD);
		assertThat(ReservationStatus.sourcesOf(ReservationStatus.CANCELLED)).containsExactly(ReservationStatus.HELD);
		assertThat(ReservationStatus.sourcesOf(ReservationStatus.REFUNDED)).containsExactly(ReservationStatus.PAID);
		assertThat(ReservationStatus.sourcesOf(ReservationStatus.HELD)).as("nothing becomes a hold again").isEmpty();
		for (ReservationStatus end : List.of(ReservationStatus.EXPIRED, ReservationStatus.CANCELLED,
				ReservationStatus.REFUNDED)) {
			assertThat(ReservationStatus.values()).as(end + " is final").noneMatch(end::canBecome);
		}
	}

	private static Reservation reservation(ReservationStatus status) {
		return new Reservation(ReservationId.random(), USER,
				new ConcertId(UUID.fromString("3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11")), new ConcertDateId(7),
				new SeatId(42), Points.of(50_000), status, HELD_AT, EXPIRES_AT, 1);
	}

}
