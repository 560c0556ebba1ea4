package dev.ticketing.support;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Expectations on the RFC 9457 problem documents every refusal of the API becomes.
 */
public final class Problems {

	private Problems() {
	}

	/**
	 * An {@code application/problem+json} response with the given status and stable
	 * {@code code}.
	 */
	public static ResultMatcher problem(int status, String code) {
		return (result) -> {
			status().is(status).match(result);
			content().contentType(MediaType.APPLICATION_PROBLEM_JSON).match(result);
			jsonPath("$.status").value(status).match(result);
			jsonPath("$.code").value(code).match(result);
		};
	}

}
