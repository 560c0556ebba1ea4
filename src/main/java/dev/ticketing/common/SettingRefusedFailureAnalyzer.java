package dev.ticketing.common;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a {@link SettingRefused} at start-up as what it is and what to do, before
 * Spring Boot's general report of a settings record that failed to bind.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SettingRefusedFailureAnalyzer extends AbstractFailureAnalyzer<SettingRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SettingRefused cause) {
		return new FailureAnalysis(cause.reason(), cause.action(), cause);
	}

}
