package dev.ticketing.reservation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.CatalogNotFound;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatUnavailable;
import dev.ticketing.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Seat claims in the real Redis in front of the real PostgreSQL: the claim turns losers
 * away without the database, and the database still decides when Redis is wrong.
 */
@IntegrationTest
class SeatClaimIntegrationTests {

	@Autowired
	ReservationService reservations;

	@Autowired
	ConcertService concerts;

	@Autowired
	StringRedisTemplate redis;

	@Autowired
	JdbcTemplate jdbc;

	@Value("${concert.queue.key-prefix}")
	String prefix;

	@Test
	void aLoserIsTurnedAwayByTheClaimWithoutAskingTheDatabase() {
		ConcertId concert = concert();
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		SeatId seat = this.concerts.availableSeats(concert, date).getFirst().id();
		// A live claim of another reservation, with nothing in the database: only the
		// claim can refuse this hold.
		long ends = Instant.now().plus(Duration.ofMinutes(1)).toEpochMilli();
		this.redis.opsForValue().set(claimKey(seat), UUID.randomUUID() + ":" + ends);

		assertThatExceptionOfType(SeatUnavailable.class).isThrownBy(() -> hold(concert, date, seat));
		assertThat(seatStatus(seat)).isEqualTo("AVAILABLE");
	}

	@Test
	void aHeldSeatIsRefusedByTheDatabaseWhenRedisHasForgottenItsClaim() {
		ConcertId concert = concert();
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		SeatId seat = this.concerts.availableSeats(concert, date).getFirst().id();
		Reservation first = hold(concert, date, seat);
		assertThat(this.redis.opsForValue().get(claimKey(seat))).startsWith(first.id().toString());
		this.redis.delete(claimKey(seat));

		assertThatExceptionOfType(SeatUnavailable.class).isThrownBy(() -> hold(concert, date, seat));
		assertThat(this.jdbc.queryForObject("SELECT reservation_id FROM seat WHERE id = ?", UUID.class, seat.value()))
			.isEqualTo(first.id().value());
		assertThat(this.redis.opsForValue().get(claimKey(seat))).as("the loser's claim is given back").isNull();
	}

	@Test
	void aWinnersClaimLastsAsLongAsItsHoldAndACancelDropsIt() {
		ConcertId concert = concert();
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		SeatId seat = this.concerts.availableSeats(concert, date).getFirst().id();
		UserId user = new UserId(UUID.randomUUID());
		Reservation held = this.reservations.hold(new HoldSeat(concert, date, seat), new Admission(concert, user));
		assertThat(this.redis.opsForValue().get(claimKey(seat)))
			.isEqualTo(held.id() + ":" + held.expiresAt().toEpochMilli());

		this.reservations.cancel(held.id(), QueuePass.admitted(new Admission(concert, user)));
		assertThat(this.redis.opsForValue().get(claimKey(seat))).isNull();
		assertThat(hold(concert, date, seat).status()).isEqualTo(ReservationStatus.HELD);
	}

	@Test
	void aSeatOfAnotherDateIsRefusedBeforeAnyClaimIsTaken() {
		ConcertId concert = concert();
		ConcertDateId date = this.concerts.dates(concert).getFirst().id();
		ConcertId other = concert();
		ConcertDateId otherDate = this.concerts.dates(other).getFirst().id();
		SeatId seat = this.concerts.availableSeats(other, otherDate).getFirst().id();
		assertThatExceptionOfType(CatalogNotFound.class).isThrownBy(() -> hold(concert, date, seat))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo("SEAT_NOT_FOUND"));
		assertThat(this.redis.keys(this.prefix + "seat-claim:*")).doesNotContain(claimKey(seat));
	}

	private Reservation hold(ConcertId concert, ConcertDateId date, SeatId seat) {
		return this.reservations.hold(new HoldSeat(concert, date, seat),
				new Admission(concert, new UserId(UUID.randomUUID())));
	}

	private ConcertId concert() {
		return this.concerts.addConcert("Claims", "Hall", List.of(Instant.now().plus(Duration.ofDays(2))), 3,
				Points.of(100));
	}

	private String seatStatus(SeatId seat) {
		return this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class, seat.value());
	}

	private String claimKey(SeatId seat) {
		return this.prefix + "seat-claim:" + seat.value();
	}

}
