package dev.ticketing.ticket;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a refused ticket key at start-up as what it is and what to do, instead of the
 * chain of beans that could not be created because of it.
 */
class TicketKeyFailureAnalyzer extends AbstractFailureAnalyzer<TicketKeys.KeyRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TicketKeys.KeyRefused cause) {
		return new FailureAnalysis(cause.reason(), TicketKeys.KeyRefused.ACTION, cause);
	}

}
