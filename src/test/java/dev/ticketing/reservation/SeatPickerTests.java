package dev.ticketing.reservation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;

import dev.ticketing.common.Points;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatRow;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Picking seats side by side, on rows drawn as letters: {@code A} free, {@code S} sold.
 * Row {@code r}'s seat {@code s} (from 1) has id {@code 100 r + s}.
 */
class SeatPickerTests {

	private static final Predicate<SeatId> NONE = (seat) -> false;

	private static final RandomGenerator FIRST = new SplittableRandom(1);

	@Test
	void picksTheMiddleOfTheFrontRowWhenTheHallIsEmpty() {
		assertThat(pickOne(2, "AAAAAAAAAA", "AAAAAAAAAA")).containsExactly(5L, 6L);
	}

	@Test
	void takesABlockBesideTheMiddleRatherThanLeaveThreesThatEachStrandASingle() {
		// Seats 4-5 of eight would leave 1-3 and 6-8: every pair taken of those strands
		// one.
		assertThat(pickOne(2, "AAAAAAAA")).isIn(List.of(3L, 4L), List.of(5L, 6L));
	}

	@Test
	void neverStrandsASingleWhenAnotherBlockOfTheRowDoesNot() {
		// Free 3-5: 3-4 strands 5, 4-5 strands 3 ... but 1-2 is taken, 6-9 free.
		assertThat(pickOne(2, "SSAAASAAAA")).containsAnyOf(7L, 8L, 9L, 10L).doesNotContain(3L, 4L, 5L);
	}

	@Test
	void goesToARowFurtherBackRatherThanStrandASingleInTheFrontRow() {
		assertThat(pickOne(2, "SAAAS", "AAAA")).isIn(List.of(101L, 102L), List.of(103L, 104L));
	}

	@Test
	void fillsAGapExactlyWhenItFits() {
		assertThat(pickOne(3, "SSAAASSAAAAS")).containsExactly(3L, 4L, 5L);
	}

	@Test
	void strandsASingleOnlyWhenEveryBlockWould() {
		assertThat(pickOne(2, "SAAAS")).hasSize(2).containsAnyOf(2L, 4L).contains(3L);
	}

	@Test
	void findsNothingWhenNoSeatsAreSideBySide() {
		assertThat(SeatPicker.pick(rows("ASASA", "SAS"), 2, NONE, 1, FIRST)).isEmpty();
		assertThat(SeatPicker.free(rows("ASASA", "SAS"), NONE)).isEqualTo(4);
	}

	@Test
	void leavesOutSeatsLearnedToBeGoneSinceTheSnapshot() {
		assertThat(SeatPicker.pick(rows("AAAA"), 2, Set.of(new SeatId(2), new SeatId(3))::contains, 1, FIRST))
			.isEmpty();
		assertThat(pickOne(2, Set.of(new SeatId(6))::contains, "AAAAAAAAAA")).doesNotContain(6L);
	}

	@Test
	void aCrowdPickingFromOneSnapshotSpreadsOverTidyBlocksOnly() {
		List<SeatRow> hall = rows("AAAAAAAAAA", "AAAAAAAAAA", "AAAAAAAAAA");
		RandomGenerator random = new SplittableRandom(7);
		for (int i = 0; i < 500; i++) {
			SeatPicker.Block block = SeatPicker.pick(hall, 2, NONE, 100, random).orElseThrow();
			assertThat(block.strands()).isZero();
			assertThat(block.ragged()).as("pairs on seats 1-2, 3-4, … only: every piece left stays even").isZero();
			assertThat(block.from() % 2).isZero();
		}
	}

	@Test
	void pairsPickedOneAfterAnotherFillEvenRowsWithoutAnOrphan() {
		String[] rows = { "AAAAAAAAAAAA", "AAAAAAAA", "AAAAAAAAAAAAAAAAAAAA" };
		RandomGenerator random = new SplittableRandom(3);
		for (int picks = 0;; picks++) {
			var block = SeatPicker.pick(rows(rows), 2, NONE, 1 + random.nextInt(20), random);
			if (block.isEmpty()) {
				assertThat(picks).isEqualTo(20);
				assertThat(String.join("", rows)).doesNotContain("A");
				return;
			}
			int r = (int) (block.get().seats().getFirst().value() / 100);
			StringBuilder row = new StringBuilder(rows[r]);
			row.setCharAt(block.get().from(), 'S');
			row.setCharAt(block.get().from() + 1, 'S');
			rows[r] = row.toString();
		}
	}

	private static List<Long> pickOne(int count, String... rows) {
		return pickOne(count, NONE, rows);
	}

	private static List<Long> pickOne(int count, Predicate<SeatId> gone, String... rows) {
		return SeatPicker.pick(rows(rows), count, gone, 1, FIRST)
			.orElseThrow()
			.seats()
			.stream()
			.map(SeatId::value)
			.toList();
	}

	private static List<SeatRow> rows(String... states) {
		List<SeatRow> rows = new ArrayList<>();
		for (int r = 0; r < states.length; r++) {
			List<SeatId> seats = new ArrayList<>();
			for (int s = 1; s <= states[r].length(); s++) {
				seats.add(new SeatId(100L * r + s));
			}
			rows.add(new SeatRow("A", Integer.toString(r + 1), Points.of(1_000), seats, states[r]));
		}
		return rows;
	}

}
