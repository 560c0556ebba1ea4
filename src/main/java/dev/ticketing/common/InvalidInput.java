package dev.ticketing.common;

/**
 * Input that can never succeed, whatever the state: 400.
 */
public class InvalidInput extends ProblemException {

	private InvalidInput(String code, String detail) {
		super(400, code, "Bad request", detail);
	}

	public static InvalidInput of(String code, String detail) {
		return new InvalidInput(code, detail);
	}

}
