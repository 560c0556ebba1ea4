package dev.ticketing.payment;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a payment is, stored and shown under the same word: COMPLETED when made, COMPLETED
 * → REFUNDED once when it is refunded. REFUNDED is final.
 */
public enum PaymentStatus {

	/** The points were taken and the seat is the payer's. */
	COMPLETED,
	/** The points went back to the payer; the seat is on sale again. */
	REFUNDED;

	/** Whether a payment may go from this status to {@code next}. */
	public boolean canBecome(PaymentStatus next) {
		return switch (this) {
			case COMPLETED -> next == REFUNDED;
			case REFUNDED -> false;
		};
	}

	/** The statuses a payment may reach {@code next} from. */
	public static Set<PaymentStatus> sourcesOf(PaymentStatus next) {
		return Set.of(values()).stream().filter((s) -> s.canBecome(next)).collect(Collectors.toSet());
	}

}
