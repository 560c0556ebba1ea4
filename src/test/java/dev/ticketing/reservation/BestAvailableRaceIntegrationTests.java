package dev.ticketing.reservation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.SeatMap;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Race;
import dev.ticketing.support.Race.Outcome;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crowd asks for seats side by side at the same moment against the real PostgreSQL and
 * Redis: every seat goes to one fan, every fan gets a whole block or a clear refusal, and
 * the picks leave no seat stranded alone.
 */
@IntegrationTest
@TestPropertySource(properties = "concert.queue.max-active=2000")
class BestAvailableRaceIntegrationTests {

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	BestAvailable bestAvailable;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void twoThousandFansAskingForTwoSeatsEachOfAThousandGiveFiveHundredPairsAndNoOrphan() {
		// Two sections of 25 rows of 20: every row has an even number of seats, so pairs
		// can fill the hall exactly, and only a badly placed pair could strand a seat.
		OnSale sale = this.boxOffice.concertOnSale("Pairs", SeatMap.spread(2, 25, 1_000, Points.of(1_000)));
		assertThat(sale.seats()).hasSize(1_000);
		List<UserId> fans = IntStream.range(0, 2_000).mapToObj((i) -> new UserId(UUID.randomUUID())).toList();
		HoldTogether pair = new HoldTogether(sale.concert(), sale.date(), 2, null, Points.of(1_000));

		List<Outcome<List<Reservation>>> outcomes = Race.run(fans.size(),
				(i) -> this.bestAvailable.hold(pair, new Admission(sale.concert(), fans.get(i))));

		List<List<Reservation>> won = Outcome.values(outcomes);
		assertThat(won).hasSize(500).allSatisfy((held) -> assertThat(held).hasSize(2));
		assertThat(Outcome.failures(outcomes)).hasSize(1_500).allSatisfy((refusal) -> {
			assertThat(refusal).isInstanceOf(ProblemException.class);
			assertThat(((ProblemException) refusal).code()).isEqualTo("SOLD_OUT");
		});
		assertThat(won.stream().flatMap(List::stream).map(Reservation::seatId)).as("no seat twice")
			.doesNotHaveDuplicates()
			.hasSize(1_000);
		Map<Long, Place> places = new HashMap<>();
		this.jdbc.query(
				"SELECT id, section, row_label, seat_number, status, reservation_id FROM seat"
						+ " WHERE concert_date_id = ?",
				(RowCallbackHandler) (rs) -> places.put(rs.getLong("id"),
						new Place(rs.getString("section") + "/" + rs.getString("row_label"), rs.getInt("seat_number"),
								rs.getString("status"), rs.getObject("reservation_id", UUID.class))),
				sale.date().value());
		assertThat(places.values()).as("every seat held: none stranded alone")
			.allSatisfy((place) -> assertThat(place.status()).isEqualTo("HELD"));
		assertThat(won).allSatisfy((held) -> {
			Place first = places.get(held.get(0).seatId().value());
			Place second = places.get(held.get(1).seatId().value());
			assertThat(second.row()).as("same row").isEqualTo(first.row());
			assertThat(second.number()).as("side by side").isEqualTo(first.number() + 1);
			assertThat(held).allSatisfy((r) -> {
				assertThat(r.userId()).isEqualTo(held.get(0).userId());
				assertThat(places.get(r.seatId().value()).reservation()).isEqualTo(r.id().value());
			});
		});
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM reservation WHERE concert_date_id = ?", Long.class,
				sale.date().value()))
			.isEqualTo(1_000);
	}

	private record Place(String row, int number, String status, UUID reservation) {
	}

}
