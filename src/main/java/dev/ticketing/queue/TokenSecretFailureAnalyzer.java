package dev.ticketing.queue;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a refused queue token secret at start-up as what it is and what to do, instead
 * of the chain of beans that could not be created because of it.
 */
class TokenSecretFailureAnalyzer extends AbstractFailureAnalyzer<QueueTokenKeys.SecretRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, QueueTokenKeys.SecretRefused cause) {
		return new FailureAnalysis(cause.reason(), QueueTokenKeys.SecretRefused.ACTION, cause);
	}

}
