package dev.ticketing.reservation;

import java.util.List;

/**
 * The sweep marked these run-out holds EXPIRED (each as the UPDATE returned it). Each
 * expired hold is in one such event only, however many instances sweep: the conditional
 * UPDATE that marks it decides.
 */
public record HoldsExpired(List<Reservation> holds) {

	public HoldsExpired {
		holds = List.copyOf(holds);
	}

	public int count() {
		return this.holds.size();
	}

}
