package dev.ticketing.reservation;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.ticketing.concert.SeatId;

/**
 * Seat claims in this process, for the embedded mode.
 */
class InMemorySeatClaims implements SeatClaims {

	private final Map<SeatId, Entry> claims = new ConcurrentHashMap<>();

	@Override
	public Claim claim(SeatId seat, ReservationId reservation, Instant now, Instant until) {
		Entry entry = this.claims.compute(seat, (s,
				current) -> (current == null || current.reservation.equals(reservation) || !current.until.isAfter(now))
						? new Entry(reservation, until) : current);
		return entry.reservation.equals(reservation) ? Claim.WON : Claim.TAKEN;
	}

	@Override
	public void extend(SeatId seat, ReservationId reservation, Instant now, Instant until) {
		this.claims.computeIfPresent(seat,
				(s, current) -> current.reservation.equals(reservation) ? new Entry(reservation, until) : current);
	}

	@Override
	public void release(SeatId seat, ReservationId reservation) {
		this.claims.computeIfPresent(seat, (s, current) -> current.reservation.equals(reservation) ? null : current);
	}

	/**
	 * Drops claims that ran out, so the map does not grow with every seat ever claimed.
	 */
	void purge(Instant now) {
		this.claims.values().removeIf((entry) -> !entry.until.isAfter(now));
	}

	private record Entry(ReservationId reservation, Instant until) {
	}

}
