package dev.ticketing.concert;

import java.util.List;
import java.util.Objects;

import dev.ticketing.common.Points;

/**
 * One row of a date's hall as the browse cache last saw it: its seats side by side in the
 * order of their numbers, and what each was then. What a picker of adjacent seats needs,
 * and no more: the inventory's conditional statement still decides every hold.
 *
 * @param section the row's section, null for seats created before seat maps
 * @param label the row's label, null for seats created before seat maps
 * @param seats the row's seats, neighbours next to each other
 * @param states one letter a seat, in the order of {@code seats}: {@code A} free (also
 * once a hold ran out), {@code H} someone's live hold, {@code S} sold
 */
public record SeatRow(String section, String label, Points price, List<SeatId> seats, String states) {

	public SeatRow {
		Objects.requireNonNull(price, "price");
		seats = List.copyOf(seats);
		if (states.length() != seats.size()) {
			throw new IllegalArgumentException("one state a seat: " + seats.size() + " seats, " + states.length());
		}
	}

	/** Whether the seat at {@code index} in the row was free. */
	public boolean isFree(int index) {
		return this.states.charAt(index) == 'A';
	}

}
