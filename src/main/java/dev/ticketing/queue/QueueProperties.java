package dev.ticketing.queue;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the waiting queue ({@code concert.queue.*}); application.yml names each
 * with its default and why.
 *
 * @param maxActive users admitted to the booking path at once, per concert
 * @param activeTtl longest an admission lasts, however busy its user
 * @param idleTimeout an admitted user who makes no booking call for this long loses the
 * slot
 * @param waitingGrace a waiting user who stops polling for this long drops out of line
 * @param admitPerSecond most admissions per second and concert; 0 for no limit
 * @param store {@code memory} (one process) or {@code redis} (shared by all instances)
 * @param keyPrefix prefix of every Redis key
 * @param refillInterval how often freed slots are refilled and gone users swept when
 * nobody polls
 * @param sweepBatch waiting users checked per concert and refill for dropping out
 * @param streamTimeout how long a status stream stays open
 * @param streamHeartbeat how often an unchanged stream sends a heartbeat
 * @param admissionRecheck how long this instance lets an admission the store confirmed
 * through again without asking the store; zero asks on every booking call
 * @param tokenSecret the secret queue tokens are sealed with ({@link QueueTokenKeys});
 * may be blank only with the {@code memory} store, which then draws one at start-up
 * @param previousTokenSecret the secret before the last rotation, still accepted; blank
 * for none
 */
@ConfigurationProperties("concert.queue")
record QueueProperties(@DefaultValue("100") int maxActive, @DefaultValue("10m") Duration activeTtl,
		@DefaultValue("2m") Duration idleTimeout, @DefaultValue("5m") Duration waitingGrace,
		@DefaultValue("0") double admitPerSecond, @DefaultValue("memory") String store,
		@DefaultValue("") String keyPrefix, @DefaultValue("1s") Duration refillInterval,
		@DefaultValue("5000") int sweepBatch, @DefaultValue("30m") Duration streamTimeout,
		@DefaultValue("15s") Duration streamHeartbeat, @DefaultValue("1s") Duration admissionRecheck,
		@DefaultValue("") String tokenSecret, @DefaultValue("") String previousTokenSecret) {

	QueueProperties {
		if (maxActive < 1) {
			throw new IllegalArgumentException("concert.queue.max-active must be at least 1");
		}
		for (Duration d : new Duration[] { activeTtl, idleTimeout, waitingGrace }) {
			if (d.isNegative() || d.isZero()) {
				throw new IllegalArgumentException("concert.queue durations must be positive");
			}
		}
		if (admissionRecheck.isNegative()) {
			throw new IllegalArgumentException("concert.queue.admission-recheck must not be negative");
		}
		if (admitPerSecond < 0) {
			throw new IllegalArgumentException("concert.queue.admit-per-second must not be negative");
		}
		tokenSecret = Objects.requireNonNullElse(tokenSecret, "");
		previousTokenSecret = Objects.requireNonNullElse(previousTokenSecret, "");
	}

	/** Settings for tests: the store is asked on every booking call. */
	static QueueProperties of(int maxActive, Duration activeTtl, Duration idleTimeout, Duration waitingGrace,
			double admitPerSecond) {
		return new QueueProperties(maxActive, activeTtl, idleTimeout, waitingGrace, admitPerSecond, "memory", "",
				Duration.ofSeconds(1), 5000, Duration.ofMinutes(30), Duration.ofSeconds(15), Duration.ZERO, "", "");
	}

	/** The same settings on the Redis store, every key under {@code prefix}. */
	QueueProperties onRedis(String prefix) {
		return new QueueProperties(this.maxActive, this.activeTtl, this.idleTimeout, this.waitingGrace,
				this.admitPerSecond, "redis", prefix, this.refillInterval, this.sweepBatch, this.streamTimeout,
				this.streamHeartbeat, this.admissionRecheck, this.tokenSecret, this.previousTokenSecret);
	}

	/** The same settings with admissions re-checked in the store only this often. */
	QueueProperties withAdmissionRecheck(Duration recheck) {
		return new QueueProperties(this.maxActive, this.activeTtl, this.idleTimeout, this.waitingGrace,
				this.admitPerSecond, this.store, this.keyPrefix, this.refillInterval, this.sweepBatch,
				this.streamTimeout, this.streamHeartbeat, recheck, this.tokenSecret, this.previousTokenSecret);
	}

	/** The same settings with these token secrets. */
	QueueProperties withTokenSecrets(String secret, String previous) {
		return new QueueProperties(this.maxActive, this.activeTtl, this.idleTimeout, this.waitingGrace,
				this.admitPerSecond, this.store, this.keyPrefix, this.refillInterval, this.sweepBatch,
				this.streamTimeout, this.streamHeartbeat, this.admissionRecheck, secret, previous);
	}

	/**
	 * Every setting but the secrets, which must never reach a log or an error message.
	 */
	@Override
	public String toString() {
		return "QueueProperties[maxActive=" + this.maxActive + ", activeTtl=" + this.activeTtl + ", idleTimeout="
				+ this.idleTimeout + ", waitingGrace=" + this.waitingGrace + ", admitPerSecond=" + this.admitPerSecond
				+ ", store=" + this.store + ", keyPrefix=" + this.keyPrefix + ", refillInterval=" + this.refillInterval
				+ ", sweepBatch=" + this.sweepBatch + ", streamTimeout=" + this.streamTimeout + ", streamHeartbeat="
				+ this.streamHeartbeat + ", admissionRecheck=" + this.admissionRecheck + ", tokenSecret="
				+ (this.tokenSecret.isBlank() ? "(none)" : "(set)") + ", previousTokenSecret="
				+ (this.previousTokenSecret.isBlank() ? "(none)" : "(set)") + "]";
	}

}
