package dev.ticketing.common;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an embedded Redis that cannot run here as what it is and what to do, instead of
 * the chain of beans that could not be created because of it.
 */
class EmbeddedRedisFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedRedis.EmbeddedRedisUnavailable> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedRedis.EmbeddedRedisUnavailable cause) {
		return new FailureAnalysis(cause.getMessage(), EmbeddedRedis.EmbeddedRedisUnavailable.ACTION, cause);
	}

}
