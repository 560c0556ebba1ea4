package dev.ticketing.common;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where a concert's sale stands: DRAFT → ON_SALE → PAUSED ↔ ON_SALE → CLOSED (a paused
 * sale may also close). Fans see a concert from ON_SALE on; the line admits only while
 * ON_SALE; holds are taken until CLOSED.
 */
public enum SaleStatus {

	/** Being set up: invisible to fans, no line, no holds. */
	DRAFT,
	/** Selling: listed, the line admits, seats can be held. */
	ON_SALE,
	/** The line keeps its places but admits nobody; those already admitted book on. */
	PAUSED,
	/** Over: no new holds; paid seats stay sold. */
	CLOSED;

	/** Whether a concert may go from this status to {@code next}. */
	public boolean canBecome(SaleStatus next) {
		return switch (this) {
			case DRAFT -> next == ON_SALE;
			case ON_SALE -> next == PAUSED || next == CLOSED;
			case PAUSED -> next == ON_SALE || next == CLOSED;
			case CLOSED -> false;
		};
	}

	/** The statuses a concert may go to from this one, in the order of the sale. */
	public List<SaleStatus> next() {
		return List.of(values()).stream().filter(this::canBecome).toList();
	}

	/** The statuses a concert may reach {@code next} from. */
	public static Set<SaleStatus> sourcesOf(SaleStatus next) {
		return Set.of(values()).stream().filter((s) -> s.canBecome(next)).collect(Collectors.toSet());
	}

	/** Fans see the concert, its line and its dates. */
	public boolean visibleToFans() {
		return this != DRAFT;
	}

	/** The line lets waiting users in. */
	public boolean admits() {
		return this == ON_SALE;
	}

	/** New holds are taken. */
	public boolean takesHolds() {
		return this == ON_SALE || this == PAUSED;
	}

}
