package dev.ticketing.queue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Queue settings for tests: bound the way the service binds {@code concert.queue.*} at
 * start-up, so every setting a test does not name has the service's own default and is
 * checked by the same rules.
 */
final class QueueSettings {

	private final Map<String, Object> values;

	private QueueSettings(Map<String, Object> values) {
		this.values = values;
	}

	/**
	 * These timings; admissions are asked of the store on every booking call, an idle
	 * admission ends only after {@code idleTimeout} and a waiting user is here for the
	 * shorter of 5 s and the grace.
	 */
	static QueueSettings of(int maxActive, Duration activeTtl, Duration idleTimeout, Duration waitingGrace,
			double admitPerSecond) {
		Duration presence = Duration.ofSeconds(5);
		return new QueueSettings(new HashMap<>()).with("max-active", maxActive)
			.with("active-ttl", activeTtl)
			.with("idle-timeout", idleTimeout)
			.with("waiting-grace", waitingGrace)
			.with("admit-per-second", admitPerSecond)
			.with("admission-recheck", Duration.ZERO)
			.with("idle-timeout-while-waiting", idleTimeout)
			.with("min-active", 1)
			.with("presence", (presence.compareTo(waitingGrace) <= 0) ? presence : waitingGrace);
	}

	/** Admissions re-checked in the store only this often. */
	QueueSettings withAdmissionRecheck(Duration recheck) {
		return with("admission-recheck", recheck);
	}

	QueueSettings withTokenSecrets(String secret, String previous) {
		return with("token-secret", secret).with("previous-token-secret", previous);
	}

	/** An idle admission ends after {@code idle} while users wait. */
	QueueSettings withIdleTimeoutWhileWaiting(Duration idle) {
		return with("idle-timeout-while-waiting", idle);
	}

	/** A waiting user is here for {@code presence} after a call. */
	QueueSettings withPresence(Duration presence) {
		return with("presence", presence);
	}

	/** The adaptive limit, between {@code min} and max-active. */
	QueueSettings adaptiveFrom(int min, QueueProperties.Adaptive adaptive) {
		return with("admission", "adaptive").with("min-active", min)
			.with("adaptive.target-p95", adaptive.targetP95())
			.with("adaptive.interval", adaptive.interval())
			.with("adaptive.max-error-rate", adaptive.maxErrorRate())
			.with("adaptive.backoff", adaptive.backoff());
	}

	QueueProperties build() {
		return new Binder(new MapConfigurationPropertySource(this.values)).bindOrCreate("concert.queue",
				Bindable.of(QueueProperties.class));
	}

	private QueueSettings with(String name, Object value) {
		Map<String, Object> next = new HashMap<>(this.values);
		next.put("concert.queue." + name, value);
		return new QueueSettings(next);
	}

}
