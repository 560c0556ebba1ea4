package dev.ticketing.challenge;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ticketing.common.SettingRefused;

/**
 * The HMAC key challenges are signed with, so that an instance accepts only challenges
 * the service made, with the fan, concert and expiry it put in them. Never logged.
 */
final class ChallengeKey {

	static final int MIN_LENGTH = 32;

	private static final Logger log = LoggerFactory.getLogger(ChallengeKey.class);

	private final String key;

	private ChallengeKey(String key) {
		this.key = key;
	}

	String value() {
		return this.key;
	}

	/**
	 * The key this process runs with: instances sharing a Redis must all accept each
	 * other's challenges, so there a missing key is refused; one instance with its own
	 * embedded Redis (or a command, which issues nothing) may draw its own.
	 * @throws KeyRefused if the key is missing where it is needed, or short
	 */
	static ChallengeKey forStartup(String configured, boolean servesRequests, boolean shared) {
		if (configured == null || configured.isBlank()) {
			if (servesRequests && shared) {
				throw new KeyRefused("concert.challenge.hmac-key (CONCERT_CHALLENGE_HMAC_KEY) is not set. "
						+ "With a shared Redis (concert.redis.embedded=false, the prod profile) every instance must "
						+ "sign join challenges with one key.");
			}
			if (servesRequests) {
				log.warn("concert.challenge.hmac-key is not set: join challenges are signed with a key drawn at "
						+ "start-up, which no other instance knows.");
			}
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			return new ChallengeKey(HexFormat.of().formatHex(random));
		}
		String key = configured.strip();
		if (key.length() < MIN_LENGTH) {
			throw new KeyRefused(
					"concert.challenge.hmac-key is too short: it needs at least " + MIN_LENGTH + " characters.");
		}
		return new ChallengeKey(key);
	}

	@Override
	public String toString() {
		return "ChallengeKey[hidden]";
	}

	/** The key stops the start; its message never shows a key. */
	static final class KeyRefused extends SettingRefused {

		static final String ACTION = "Set CONCERT_CHALLENGE_HMAC_KEY (concert.challenge.hmac-key) to the same key "
				+ "on every instance, from a Secret (deploy/k8s/deployment.yaml): at least 32 random characters, "
				+ "e.g. the output of 'openssl rand -base64 32'.";

		KeyRefused(String reason) {
			super(reason, ACTION);
		}

	}

}
