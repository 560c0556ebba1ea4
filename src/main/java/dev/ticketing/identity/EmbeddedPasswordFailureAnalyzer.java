package dev.ticketing.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a refused demo password of the embedded sign-in at start-up as what it is and
 * what to do, before Spring Boot's general report of a settings record that failed to
 * bind.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class EmbeddedPasswordFailureAnalyzer extends AbstractFailureAnalyzer<SecurityProperties.PasswordRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SecurityProperties.PasswordRefused cause) {
		return new FailureAnalysis(cause.reason(), SecurityProperties.PasswordRefused.ACTION, cause);
	}

}
