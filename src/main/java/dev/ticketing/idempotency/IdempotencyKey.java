package dev.ticketing.idempotency;

import java.util.Objects;

import dev.ticketing.common.InvalidInput;

/**
 * The value of an {@code Idempotency-Key} header: 1 to 255 visible ASCII characters
 * ({@code !} to {@code ~}), compared exactly. A key is the client's name for one attempt
 * at one call; a UUID drawn per attempt is the usual choice.
 */
public record IdempotencyKey(String value) {

	/** The request header that carries the key. */
	public static final String HEADER = "Idempotency-Key";

	static final int MAX_LENGTH = 255;

	/**
	 * @throws dev.ticketing.common.ProblemException 400 {@code INVALID_IDEMPOTENCY_KEY}
	 * unless 1 to 255 visible ASCII characters
	 */
	public IdempotencyKey {
		Objects.requireNonNull(value, "idempotency key");
		if (value.isEmpty() || value.length() > MAX_LENGTH || !value.chars().allMatch((c) -> c >= '!' && c <= '~')) {
			throw invalid();
		}
	}

	static InvalidInput invalid() {
		return InvalidInput.of("INVALID_IDEMPOTENCY_KEY",
				HEADER + " must be 1 to " + MAX_LENGTH + " visible ASCII characters, sent once");
	}

	@Override
	public String toString() {
		return this.value;
	}

}
