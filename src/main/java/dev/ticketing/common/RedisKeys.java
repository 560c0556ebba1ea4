package dev.ticketing.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The prefix of every Redis key of a deployment ({@code concert.queue.key-prefix}, named
 * under the queue, whose keys came first), so deployments or test runs can share one
 * Redis: the queue's, the seat claims' and the rate limits' keys all start with it.
 *
 * @param keyPrefix prepended to every key; empty for none
 */
@ConfigurationProperties("concert.queue")
public record RedisKeys(@DefaultValue("") String keyPrefix) {

	public RedisKeys {
		// A brace would start a hash tag: keys meant to share a cluster slot by their
		// {concert} part would hash by the prefix instead. A glob character would make
		// the SCAN patterns that find a deployment's keys match another deployment's.
		if (keyPrefix.chars().anyMatch((c) -> "{}*?[]\\".indexOf(c) >= 0 || Character.isWhitespace(c))) {
			throw new IllegalArgumentException("concert.queue.key-prefix must not contain braces, glob characters"
					+ " (* ? [ ] \\) or white space: '" + keyPrefix + "'");
		}
	}

}
