package dev.ticketing.reservation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatRow;

/**
 * Picks {@code count} free seats side by side in one row for a fan who asked for the best
 * available: plain Java over a snapshot of the hall's rows, so every rule here is tested
 * without a database.
 * <p>
 * Blocks are ranked, best first, by:
 * <ol>
 * <li>leaving no single free seat stranded between taken ones (or a taken one and the
 * row's end): nobody buys a lone seat in a sale of friends, so a stranded single is
 * usually a seat unsold;</li>
 * <li>the row, front first (the hall lists a section's rows from the stage back);</li>
 * <li>leaving the free seats on either side of the block in pieces that blocks of the
 * same size fill exactly: a row of eight taken two by two from the middle (seats 4-5)
 * leaves threes, and every three then strands a single;</li>
 * <li>the block's distance from the middle of its row.</li>
 * </ol>
 * Among the {@code spread} best it picks one at random: with one fan asking, they get the
 * best block; with a crowd asking at once from the same snapshot, each takes another of
 * as many good blocks as there are contenders, instead of all of them colliding on the
 * one best block and every one but one losing.
 */
final class SeatPicker {

	private SeatPicker() {
	}

	/**
	 * A block of {@code count} seats side by side in one of {@code rows}, free there and
	 * not {@code taken} (seats learned to be gone, or being held, since the snapshot);
	 * empty if the rows have no such block.
	 * @param spread how many of the best blocks to choose among, at least 1
	 */
	static Optional<Block> pick(List<SeatRow> rows, int count, Predicate<SeatId> taken, int spread,
			RandomGenerator random) {
		if (count < 1 || spread < 1) {
			throw new IllegalArgumentException("count and spread must be at least 1");
		}
		List<Block> blocks = new ArrayList<>();
		for (int r = 0; r < rows.size(); r++) {
			SeatRow row = rows.get(r);
			int size = row.seats().size();
			int start = 0;
			while (start < size) {
				if (!isFree(row, start, taken)) {
					start++;
					continue;
				}
				int end = start;
				while (end < size && isFree(row, end, taken)) {
					end++;
				}
				// A run of free seats [start, end): every block of count seats in it.
				for (int from = start; from + count <= end; from++) {
					blocks.add(Block.of(row, r, from, count, from - start, end - from - count));
				}
				start = end;
			}
		}
		if (blocks.isEmpty()) {
			return Optional.empty();
		}
		blocks.sort(Block.BEST_FIRST);
		// A crowd spreads only over blocks as tidy as the best one: a random pick must
		// never strand a single, or leave ragged pieces, that the best pick would not.
		Block best = blocks.getFirst();
		List<Block> eligible = new ArrayList<>(Math.min(spread, blocks.size()));
		for (Block block : blocks) {
			if (eligible.size() == spread) {
				break;
			}
			if (block.strands() == best.strands() && block.ragged() <= best.ragged()) {
				eligible.add(block);
			}
		}
		return Optional.of(eligible.get(random.nextInt(eligible.size())));
	}

	/** How many of the rows' seats are free and not {@code taken}. */
	static int free(List<SeatRow> rows, Predicate<SeatId> taken) {
		int free = 0;
		for (SeatRow row : rows) {
			for (int i = 0; i < row.seats().size(); i++) {
				free += isFree(row, i, taken) ? 1 : 0;
			}
		}
		return free;
	}

	private static boolean isFree(SeatRow row, int index, Predicate<SeatId> taken) {
		return row.isFree(index) && !taken.test(row.seats().get(index));
	}

	/**
	 * Seats side by side in one row.
	 *
	 * @param from the index in the row of the block's first seat
	 * @param count how many seats side by side
	 * @param strands how many single free seats the block would leave stranded (0 to 2)
	 * @param rowRank the row's place in the hall's order, 0 first
	 * @param ragged how many of the pieces left on either side are no multiple of the
	 * block's size
	 * @param offCentre twice the distance of the block's middle from the row's middle
	 */
	record Block(SeatRow row, int from, int count, int strands, int rowRank, int ragged, int offCentre) {

		static final Comparator<Block> BEST_FIRST = Comparator.comparingInt(Block::strands)
			.thenComparingInt(Block::rowRank)
			.thenComparingInt(Block::ragged)
			.thenComparingInt(Block::offCentre);

		static Block of(SeatRow row, int rowRank, int from, int count, int left, int right) {
			int strands = ((left == 1) ? 1 : 0) + ((right == 1) ? 1 : 0);
			int ragged = ((left % count != 0) ? 1 : 0) + ((right % count != 0) ? 1 : 0);
			int offCentre = Math.abs((2 * from + count) - row.seats().size());
			return new Block(row, from, count, strands, rowRank, ragged, offCentre);
		}

		/** The block's seats, in the row's order. */
		List<SeatId> seats() {
			return List.copyOf(this.row.seats().subList(this.from, this.from + this.count));
		}

	}

}
