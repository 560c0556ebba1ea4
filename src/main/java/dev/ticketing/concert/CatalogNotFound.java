package dev.ticketing.concert;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;

/**
 * A concert, date or seat that does not exist (or not where the request says it is).
 */
public final class CatalogNotFound extends ProblemException {

	private CatalogNotFound(String code, String detail) {
		super(404, code, "Not found", detail);
	}

	public static CatalogNotFound concert(ConcertId id) {
		return new CatalogNotFound("CONCERT_NOT_FOUND", "No concert " + id);
	}

	public static CatalogNotFound date(ConcertId concert, ConcertDateId date) {
		return new CatalogNotFound("CONCERT_DATE_NOT_FOUND", "Concert " + concert + " has no date " + date.value());
	}

	public static CatalogNotFound section(ConcertDateId date, String section) {
		return new CatalogNotFound("SECTION_NOT_FOUND", "Concert date " + date.value() + " has no section " + section);
	}

	public static CatalogNotFound seat(SeatId seat) {
		return new CatalogNotFound("SEAT_NOT_FOUND", "No seat " + seat.value() + " at that concert date");
	}

}
