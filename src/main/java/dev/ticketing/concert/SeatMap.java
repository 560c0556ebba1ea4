package dev.ticketing.concert;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.Points;

/**
 * A date's hall: sections of rows of seats, a price per row. Seats are numbered from 1
 * through the whole map in order (the seed clients' {@code seatNumber}) and labelled
 * section-row-seat, e.g. "A-3-7".
 */
public record SeatMap(List<Section> sections) {

	/** Most seats one date may have. */
	public static final int MAX_SEATS = 100_000;

	static final int MAX_SECTION_NAME = 100;

	static final int MAX_ROW_LABEL = 20;

	public SeatMap {
		if (sections == null || sections.isEmpty()) {
			throw InvalidInput.of("INVALID_SEAT_MAP", "sections must not be empty");
		}
		sections = List.copyOf(sections);
		Set<String> names = new HashSet<>();
		long total = 0;
		for (Section section : sections) {
			if (section == null) {
				throw InvalidInput.of("INVALID_SEAT_MAP", "a section must not be null");
			}
			if (!names.add(section.name())) {
				throw InvalidInput.of("INVALID_SEAT_MAP", "section " + section.name() + " appears twice");
			}
			for (Row row : section.rows()) {
				total += row.seats();
			}
		}
		if (total > MAX_SEATS) {
			throw InvalidInput.of("TOO_MANY_SEATS", "a date has at most " + MAX_SEATS + " seats, not " + total);
		}
	}

	/**
	 * {@code seats} seats spread as evenly as can be over {@code sections} sections
	 * (named A, B, …) of {@code rows} rows each (numbered from 1), all at {@code price}:
	 * a synthetic hall for demos and load tests.
	 */
	public static SeatMap spread(int sections, int rows, int seats, Points price) {
		if (sections < 1 || rows < 1) {
			throw InvalidInput.of("INVALID_SEAT_MAP", "a hall has at least one section of at least one row");
		}
		long rowCount = (long) sections * rows;
		if (seats < rowCount) {
			throw InvalidInput.of("INVALID_SEAT_MAP",
					"every one of the " + rowCount + " rows needs a seat; " + seats + " seats are too few");
		}
		List<Section> all = new java.util.ArrayList<>();
		int row = 0;
		for (int s = 0; s < sections; s++) {
			List<Row> rowList = new java.util.ArrayList<>();
			for (int r = 1; r <= rows; r++, row++) {
				int inRow = (int) (seats / rowCount + ((row < seats % rowCount) ? 1 : 0));
				rowList.add(new Row(Integer.toString(r), inRow, price.value()));
			}
			all.add(new Section(sectionName(s), rowList));
		}
		return new SeatMap(all);
	}

	/** A, B, … Z, AA, AB, …: the usual names of a hall's sections. */
	static String sectionName(int index) {
		StringBuilder name = new StringBuilder();
		for (int i = index; i >= 0; i = i / 26 - 1) {
			name.insert(0, (char) ('A' + i % 26));
		}
		return name.toString();
	}

	public int totalSeats() {
		return this.sections.stream().flatMap((s) -> s.rows().stream()).mapToInt(Row::seats).sum();
	}

	Points minPrice() {
		return Points
			.of(this.sections.stream().flatMap((s) -> s.rows().stream()).mapToLong(Row::price).min().orElse(0));
	}

	Points maxPrice() {
		return Points
			.of(this.sections.stream().flatMap((s) -> s.rows().stream()).mapToLong(Row::price).max().orElse(0));
	}

	public record Section(String name, List<Row> rows) {

		public Section {
			if (name == null || name.isBlank()) {
				throw InvalidInput.of("INVALID_SEAT_MAP", "a section's name must not be empty");
			}
			name = name.strip();
			if (name.length() > MAX_SECTION_NAME) {
				throw InvalidInput.of("INVALID_SEAT_MAP",
						"section names are at most " + MAX_SECTION_NAME + " characters");
			}
			if (rows == null || rows.isEmpty()) {
				throw InvalidInput.of("INVALID_SEAT_MAP", "section " + name + " has no rows");
			}
			rows = List.copyOf(rows);
			Set<String> labels = new HashSet<>();
			for (Row row : rows) {
				if (row == null || !labels.add(row.label())) {
					throw InvalidInput.of("INVALID_SEAT_MAP", "section " + name + " has a row twice or a null row");
				}
			}
		}

	}

	/**
	 * @param seats seats in the row, at least 1
	 * @param price each seat's price in points, not negative
	 */
	public record Row(String label, int seats, long price) {

		public Row {
			if (label == null || label.isBlank()) {
				throw InvalidInput.of("INVALID_SEAT_MAP", "a row's label must not be empty");
			}
			label = label.strip();
			if (label.length() > MAX_ROW_LABEL) {
				throw InvalidInput.of("INVALID_SEAT_MAP", "row labels are at most " + MAX_ROW_LABEL + " characters");
			}
			if (seats < 1) {
				throw InvalidInput.of("INVALID_SEAT_MAP", "row " + label + " must have at least one seat");
			}
			if (seats > MAX_SEATS) {
				throw InvalidInput.of("TOO_MANY_SEATS", "a date has at most " + MAX_SEATS + " seats");
			}
			if (price < 0) {
				throw InvalidInput.of("INVALID_PRICE", "row " + label + " has a negative price");
			}
		}

	}

}
