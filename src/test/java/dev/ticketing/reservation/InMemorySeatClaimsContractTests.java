package dev.ticketing.reservation;

class InMemorySeatClaimsContractTests extends SeatClaimsContract {

	@Override
	SeatClaims claims() {
		return new InMemorySeatClaims();
	}

}
