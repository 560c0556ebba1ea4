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
 * @param refillInterval how often freed slots are refilled and gone users swept when
 * nobody polls
 * @param sweepBatch waiting users checked per concert and refill for dropping out
 * @param streamTimeout how long a status stream stays open
 * @param maxStreamsPerToken most status streams one queue token keeps open on one
 * instance; 0 for no limit
 * @param streamHeartbeat how often an unchanged stream sends a heartbeat
 * @param streamInterval how often open streams are checked for a change
 * @param admissionRecheck how long this instance lets an admission the store confirmed
 * through again without asking the store; zero asks on every booking call
 * @param tokenSecret the secret queue tokens are sealed with ({@link QueueTokenKeys});
 * may be blank only where this instance runs its own embedded Redis, which then draws one
 * at start-up
 * @param previousTokenSecret the secret before the last rotation, still accepted; blank
 * for none
 * @param idleTimeoutWhileWaiting while users wait in line, an admitted user who makes no
 * booking call for this long (from admission, or from the last booking call) gives the
 * slot to the next in line; never longer than {@code idleTimeout}
 * @param admission {@code fixed}: up to {@code maxActive} admitted at once;
 * {@code adaptive}: up to a limit that moves between {@code minActive} and
 * {@code maxActive} with the booking path's health
 * @param minActive the least the adaptive limit falls to
 * @param adaptive how the adaptive limit moves
 * @param presence a waiting user who polled (or whose stream was visited) this recently
 * is here: a freed slot goes to the first waiting user who is here, and those ahead of
 * them who are away are passed over, keeping their place until the grace ends; so a user
 * who gave up without leaving costs no slot, and one who comes back is next
 * @param maxStreamsPerUser most status streams one user keeps open on one instance, all
 * their tokens together; 0 for no limit
 * @param maxStreamsPerAddress most status streams one client address keeps open on one
 * instance; 0 for no limit
 * @param maxStreamsPerInstance most status streams open on one instance; 0 for no limit
 * @param progressInterval how often an instance reads the progress of each line its
 * waiting users call about, and writes their presence, in one call for all of them
 * ({@link WaitingRoom}); a waiting user's poll is answered from that reading
 * @param progressMaxAge a reading older than this answers nobody: the poll asks the store
 * itself, which answers 503 while it is unreachable
 */
@ConfigurationProperties("concert.queue")
record QueueProperties(@DefaultValue("100") int maxActive, @DefaultValue("10m") Duration activeTtl,
		@DefaultValue("2m") Duration idleTimeout, @DefaultValue("5m") Duration waitingGrace,
		@DefaultValue("0") double admitPerSecond, @DefaultValue("1s") Duration refillInterval,
		@DefaultValue("5000") int sweepBatch, @DefaultValue("30m") Duration streamTimeout,
		@DefaultValue("2") int maxStreamsPerToken, @DefaultValue("15s") Duration streamHeartbeat,
		@DefaultValue("1s") Duration streamInterval, @DefaultValue("1s") Duration admissionRecheck,
		@DefaultValue("") String tokenSecret, @DefaultValue("") String previousTokenSecret,
		@DefaultValue("10s") Duration idleTimeoutWhileWaiting, @DefaultValue("fixed") Mode admission,
		@DefaultValue("10") int minActive, @DefaultValue Adaptive adaptive, @DefaultValue("5s") Duration presence,
		@DefaultValue("4") int maxStreamsPerUser, @DefaultValue("200") int maxStreamsPerAddress,
		@DefaultValue("4000") int maxStreamsPerInstance, @DefaultValue("500ms") Duration progressInterval,
		@DefaultValue("2s") Duration progressMaxAge) {

	QueueProperties {
		if (maxActive < 1) {
			throw new IllegalArgumentException("concert.queue.max-active must be at least 1");
		}
		positive(activeTtl, "active-ttl");
		positive(idleTimeout, "idle-timeout");
		positive(waitingGrace, "waiting-grace");
		positive(idleTimeoutWhileWaiting, "idle-timeout-while-waiting");
		positive(presence, "presence");
		positive(refillInterval, "refill-interval");
		positive(streamInterval, "stream-interval");
		positive(streamTimeout, "stream-timeout");
		positive(streamHeartbeat, "stream-heartbeat");
		positive(progressInterval, "progress-interval");
		positive(progressMaxAge, "progress-max-age");
		if (progressMaxAge.compareTo(progressInterval) <= 0) {
			throw new IllegalArgumentException(
					"concert.queue.progress-max-age must be longer than the progress-interval");
		}
		if (sweepBatch < 1) {
			throw new IllegalArgumentException("concert.queue.sweep-batch must be at least 1");
		}
		if (admissionRecheck.isNegative()) {
			throw new IllegalArgumentException("concert.queue.admission-recheck must not be negative");
		}
		if (admitPerSecond < 0) {
			throw new IllegalArgumentException("concert.queue.admit-per-second must not be negative");
		}
		if (presence.compareTo(waitingGrace) > 0) {
			throw new IllegalArgumentException("concert.queue.presence must not be longer than the waiting grace");
		}
		if (minActive < 1) {
			throw new IllegalArgumentException("concert.queue.min-active must be at least 1");
		}
		notNegative(maxStreamsPerToken, "max-streams-per-token");
		notNegative(maxStreamsPerUser, "max-streams-per-user");
		notNegative(maxStreamsPerAddress, "max-streams-per-address");
		notNegative(maxStreamsPerInstance, "max-streams-per-instance");
		tokenSecret = Objects.requireNonNullElse(tokenSecret, "");
		previousTokenSecret = Objects.requireNonNullElse(previousTokenSecret, "");
		admission = Objects.requireNonNullElse(admission, Mode.FIXED);
		Objects.requireNonNull(adaptive, "concert.queue.adaptive");
	}

	/**
	 * How long an admitted user may go without a booking call while others wait: the
	 * shorter of the two timeouts.
	 */
	Duration idleWhileWaiting() {
		return (this.idleTimeoutWhileWaiting.compareTo(this.idleTimeout) < 0) ? this.idleTimeoutWhileWaiting
				: this.idleTimeout;
	}

	private static void notNegative(int value, String name) {
		if (value < 0) {
			throw new IllegalArgumentException("concert.queue." + name + " must not be negative");
		}
	}

	private static void positive(Duration value, String name) {
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("concert.queue." + name + " must be positive");
		}
	}

	/**
	 * How many users may be admitted at once: by a fixed cap, or by an adaptive limit.
	 */
	enum Mode {

		/** Always {@code max-active}. */
		FIXED,
		/**
		 * Between {@code min-active} and {@code max-active}, by the measured health of
		 * the booking path ({@link AdaptiveLimit}).
		 */
		ADAPTIVE

	}

	/**
	 * Settings of the adaptive limit ({@code concert.queue.adaptive.*}).
	 *
	 * @param targetP95 the booking path's p95 latency the limit steers for
	 * @param interval how often the limit moves: every instance reports what it measured
	 * over this long, and the line's limit takes one step per interval from all reports
	 * @param maxErrorRate share of booking calls failing (5xx) above which the path
	 * counts as unhealthy
	 * @param backoff the factor the limit is multiplied by on an unhealthy interval
	 */
	record Adaptive(@DefaultValue("250ms") Duration targetP95, @DefaultValue("5s") Duration interval,
			@DefaultValue("0.01") double maxErrorRate, @DefaultValue("0.9") double backoff) {

		Adaptive {
			if (targetP95.isNegative() || targetP95.isZero()) {
				throw new IllegalArgumentException("concert.queue.adaptive.target-p95 must be positive");
			}
			if (interval.isNegative() || interval.isZero()) {
				throw new IllegalArgumentException("concert.queue.adaptive.interval must be positive");
			}
			if (backoff <= 0 || backoff >= 1) {
				throw new IllegalArgumentException("concert.queue.adaptive.backoff must be between 0 and 1");
			}
			if (maxErrorRate < 0 || maxErrorRate > 1) {
				throw new IllegalArgumentException("concert.queue.adaptive.max-error-rate must be between 0 and 1");
			}
		}

	}

	/**
	 * Every setting but the secrets, which must never reach a log or an error message.
	 */
	@Override
	public String toString() {
		return "QueueProperties[maxActive=" + this.maxActive + ", activeTtl=" + this.activeTtl + ", idleTimeout="
				+ this.idleTimeout + ", waitingGrace=" + this.waitingGrace + ", admitPerSecond=" + this.admitPerSecond
				+ ", refillInterval=" + this.refillInterval + ", sweepBatch=" + this.sweepBatch + ", streamTimeout="
				+ this.streamTimeout + ", maxStreamsPerToken=" + this.maxStreamsPerToken + ", streamHeartbeat="
				+ this.streamHeartbeat + ", streamInterval=" + this.streamInterval + ", admissionRecheck="
				+ this.admissionRecheck + ", tokenSecret=" + (this.tokenSecret.isBlank() ? "(none)" : "(set)")
				+ ", previousTokenSecret=" + (this.previousTokenSecret.isBlank() ? "(none)" : "(set)")
				+ ", idleTimeoutWhileWaiting=" + this.idleTimeoutWhileWaiting + ", admission=" + this.admission
				+ ", minActive=" + this.minActive + ", adaptive=" + this.adaptive + ", presence=" + this.presence
				+ ", maxStreamsPerUser=" + this.maxStreamsPerUser + ", maxStreamsPerAddress="
				+ this.maxStreamsPerAddress + ", maxStreamsPerInstance=" + this.maxStreamsPerInstance
				+ ", progressInterval=" + this.progressInterval + ", progressMaxAge=" + this.progressMaxAge + "]";
	}

}
