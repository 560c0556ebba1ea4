package dev.ticketing.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.ticketing.common.Admission;
import dev.ticketing.common.AdmissionEnded;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.KnownConcerts;
import dev.ticketing.common.KnownUsers;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.UserId;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Issues queue tokens, tells users where they stand, and admits ACTIVE users to the
 * booking path.
 */
@Service
public class QueueService {

	private static final String QUEUE_WAITING = "QUEUE_WAITING";

	private final WaitingQueue queue;

	/** Answers waiting users' polls from this instance's memory where it can. */
	private final WaitingRoom room;

	private final KnownConcerts concerts;

	private final KnownUsers users;

	private final QueueProperties properties;

	private final QueueTokenKeys keys;

	private final Clock clock;

	/**
	 * Admissions the store confirmed to this instance, one per user and concert with the
	 * entry they were confirmed for: let through again without asking the store for
	 * {@code admission-recheck}, and for booking on while the store is unreachable, only
	 * for a token of that entry. A token of an earlier entry never rides on a later one's
	 * confirmation, and a release ends the user's confirmation whatever its entry.
	 */
	private final Cache<Holder, Confirmed> recentlyActive;

	private final Counter fallbackAdmissions;

	/** Status answers from this instance's reading of the line, and from the store. */
	private final Counter fromMemory;

	private final Counter fromStore;

	/** Names this instance's health reports to the shared lines. */
	private final String instance = UUID.randomUUID().toString();

	QueueService(WaitingQueue queue, KnownConcerts concerts, KnownUsers users, QueueProperties properties,
			QueueTokenKeys keys, Clock clock, MeterRegistry meters) {
		this.queue = queue;
		this.room = new WaitingRoom(queue, properties);
		this.concerts = concerts;
		this.users = users;
		this.properties = properties;
		this.keys = keys;
		this.clock = clock;
		this.recentlyActive = Caffeine.newBuilder()
			.expireAfterWrite(properties.idleTimeout())
			.maximumSize(100_000)
			.build();
		this.fallbackAdmissions = Counter.builder("concert.queue.fallback.admissions")
			.description("Booking calls let through on this instance's memory while the queue store was unreachable")
			.register(meters);
		this.fromMemory = statusAnswers(meters, "memory");
		this.fromStore = statusAnswers(meters, "store");
	}

	private static Counter statusAnswers(MeterRegistry meters, String from) {
		return Counter.builder("concert.queue.status.answers")
			.description("Status polls and stream visits, by where the answer came from: the instance's reading of"
					+ " the line (no Redis call of their own) or the store")
			.tag("from", from)
			.register(meters);
	}

	/**
	 * Puts the user in the concert's line, or returns the token and place the user
	 * already has: one place per user and concert. Each entry into the line gets a token
	 * of its own; those of earlier entries no longer work.
	 * @throws ProblemException 404 for an unknown concert or user
	 */
	public QueueTicket issue(ConcertId concert, UserId user) {
		Instant opensAt = this.concerts.saleOpensAt(concert)
			.orElseThrow(() -> ProblemException.notFound("CONCERT_NOT_FOUND", "No concert " + concert));
		if (!this.users.exists(user)) {
			throw ProblemException.notFound("USER_NOT_FOUND", "No user " + user);
		}
		Instant now = this.clock.instant();
		Standing standing = this.queue.enter(concert, user, opensAt, now);
		QueueToken token = new QueueToken(concert, user, standing.entry());
		return ticket(token.sign(this.keys), standing, opensAt, now);
	}

	/**
	 * Where the bearer of {@code token} stands in {@code concert}'s line; counts as the
	 * bearer polling, which keeps a waiting place. A token of an earlier entry is
	 * EXPIRED. A waiting bearer's answer comes from this instance's memory of the line
	 * where it can ({@link WaitingRoom}), at most a {@code progress-interval} and the
	 * reading's age behind the store.
	 * @throws ProblemException 401 if the token is not one issued for this concert
	 */
	public QueueTicket status(ConcertId concert, String token) {
		return status(verifyFor(concert, token), token);
	}

	QueueTicket status(QueueToken token) {
		return status(token, token.sign(this.keys));
	}

	private QueueTicket status(QueueToken token, String tokenId) {
		Instant now = this.clock.instant();
		Standing standing = this.room.standing(token, now);
		if (standing == null) {
			standing = this.queue.standing(token.concertId(), token.userId(), token.entry(), now);
			this.fromStore.increment();
		}
		else {
			this.fromMemory.increment();
		}
		return ticket(tokenId, standing, saleOpensAt(token.concertId(), standing), now);
	}

	/**
	 * Lets the bearer of an ACTIVE token through to the booking path and restarts the
	 * bearer's idle timer. An admission the store confirmed to this instance less than
	 * {@code admission-recheck} ago goes through without asking it again (the idle timer
	 * then restarts with the next call that does ask).
	 * @throws ProblemException 401 for a missing, invalid or expired token (a token of an
	 * earlier entry too), 403 while the bearer is still waiting
	 */
	public Admission admit(String token) {
		return admit(QueueToken.verify(token, this.keys));
	}

	/**
	 * The bearer of a genuine token, admitted or not: for calls on the bearer's own live
	 * holds, which need no admission. Asks the store as {@link #admit(String)} does, so
	 * an ACTIVE bearer's idle timer restarts with the call; a token the store does not
	 * admit now, or that it cannot answer for, still names its bearer.
	 * @throws ProblemException 401 for a missing or invalid token
	 */
	public QueuePass pass(String token) {
		QueueToken verified = QueueToken.verify(token, this.keys);
		try {
			return QueuePass.admitted(admit(verified));
		}
		catch (ProblemException refused) {
			Admission bearer = admission(verified);
			return QUEUE_WAITING.equals(refused.code()) ? QueuePass.waiting(bearer, refused)
					: QueuePass.notAdmitted(bearer, refused);
		}
	}

	private Admission admit(QueueToken verified) {
		Holder holder = Holder.of(verified);
		Instant now = this.clock.instant();
		Confirmed confirmed = this.recentlyActive.getIfPresent(holder);
		if (confirmed != null && confirmed.entry() == verified.entry()
				&& confirmed.stillFresh(now, this.properties.admissionRecheck())) {
			return admission(verified);
		}
		Standing standing;
		try {
			standing = this.queue.admit(verified.concertId(), verified.userId(), verified.entry(), now);
		}
		catch (DataAccessException ex) {
			return admitWhileTheQueueIsDown(verified, now);
		}
		if (standing.state() == QueueState.ACTIVE) {
			this.recentlyActive.put(holder, new Confirmed(verified.entry(), now, standing.activeUntil()));
		}
		else {
			forget(verified);
		}
		return switch (standing.state()) {
			case ACTIVE -> admission(verified);
			case WAITING -> throw new ProblemException(403, QUEUE_WAITING, "Still waiting",
					"Still waiting in the queue; booking opens when the token is ACTIVE");
			case EXPIRED -> throw AdmissionEnded.of(admission(verified));
		};
	}

	private static Admission admission(QueueToken verified) {
		return new Admission(verified.concertId(), verified.userId(), verified.entry());
	}

	/**
	 * The bearer leaves the line, or gives up the slot, which goes to the next in line at
	 * once. A token of an earlier entry leaves the user's current entry alone.
	 * @throws ProblemException 401 if the token is not one issued for this concert
	 */
	public void leave(ConcertId concert, String token) {
		QueueToken verified = verifyFor(concert, token);
		this.queue.leave(concert, verified.userId(), verified.entry(), this.clock.instant());
		this.room.left(verified);
		forget(verified);
	}

	/**
	 * Frees the user's slot at once, whichever the entry, and admits the next in line; a
	 * place the user waits in again (for more seats) stays theirs.
	 */
	public void release(ConcertId concert, UserId user) {
		this.queue.release(concert, user, this.clock.instant());
		// Only once the store has let go: while it is unreachable the user books on as
		// any other admitted user does.
		this.recentlyActive.invalidate(new Holder(concert, user));
	}

	/**
	 * Number of users admitted to the concert right now. Only reads: it neither expires
	 * nor admits anyone.
	 */
	public long activeCount(ConcertId concert) {
		return size(concert).active();
	}

	/**
	 * The concert's line right now: waiting, admitted, and admitted so far (for metrics).
	 */
	public QueueSize size(ConcertId concert) {
		return this.queue.size(concert, this.clock.instant());
	}

	void refill() {
		this.queue.refill(this.clock.instant());
	}

	/**
	 * Writes the presence of this instance's waiting users and reads the progress of
	 * their lines, one call per busy line ({@link WaitingRoom#follow}).
	 */
	void followLines() {
		this.room.follow(this.clock.instant());
	}

	/**
	 * With adaptive admission: reports what this instance measured of each concert's
	 * booking path since the last call to the concert's line, which moves its limit once
	 * per interval from every instance's reports.
	 */
	void adapt(BookingHealth health) {
		Instant now = this.clock.instant();
		health.drain().forEach((concert, report) -> this.queue.adapt(concert, this.instance, report, now));
	}

	/**
	 * While the queue's store is unreachable, users this instance saw ACTIVE go on until
	 * their admission would have run out, so bookings in progress complete; nobody else
	 * is admitted, as the queue cannot say whose turn it is.
	 */
	private Admission admitWhileTheQueueIsDown(QueueToken token, Instant now) {
		Confirmed confirmed = this.recentlyActive.getIfPresent(Holder.of(token));
		if (confirmed != null && confirmed.entry() == token.entry() && confirmed.activeUntil().isAfter(now)) {
			this.fallbackAdmissions.increment();
			return admission(token);
		}
		throw ProblemException.storeUnavailable();
	}

	/** Ends the confirmation of the token's entry, and of no other entry. */
	private void forget(QueueToken token) {
		this.recentlyActive.asMap()
			.computeIfPresent(Holder.of(token),
					(holder, confirmed) -> (confirmed.entry() == token.entry()) ? null : confirmed);
	}

	QueueToken verifyFor(ConcertId concert, String token) {
		QueueToken verified = QueueToken.verify(token, this.keys);
		if (!verified.concertId().equals(concert)) {
			throw QueueToken.invalid();
		}
		return verified;
	}

	private Instant saleOpensAt(ConcertId concert, Standing standing) {
		// Only a pre-queue standing needs the opening time; others save the lookup.
		return (standing.position() == Standing.UNKNOWN) ? this.concerts.saleOpensAt(concert).orElse(Instant.EPOCH)
				: Instant.EPOCH;
	}

	private QueueTicket ticket(String tokenId, Standing standing, Instant opensAt, Instant now) {
		if (standing.state() != QueueState.WAITING) {
			return new QueueTicket(tokenId, standing.state(), 0, 0, 0, standing.activeUntil(), null);
		}
		if (standing.position() == Standing.UNKNOWN) {
			long untilOpening = Math.max(0, opensAt.getEpochSecond() - now.getEpochSecond());
			return new QueueTicket(tokenId, QueueState.WAITING, null, untilOpening, pollAfter(untilOpening), null,
					opensAt);
		}
		long wait = estimatedWaitSeconds(standing);
		return new QueueTicket(tokenId, QueueState.WAITING, standing.position(), wait, pollAfter(wait), null, null);
	}

	/**
	 * From the measured admission rate; until there is one, the bound given by every
	 * admitted user ahead keeping the slot until the idle timeout (the shorter one, as
	 * the user waits).
	 */
	private long estimatedWaitSeconds(Standing standing) {
		if (standing.admissionsPerSecond() >= 0.001) {
			return (long) Math.ceil(standing.position() / standing.admissionsPerSecond());
		}
		long rounds = (standing.position() + this.properties.maxActive() - 1) / this.properties.maxActive();
		return rounds * this.properties.idleWhileWaiting().toSeconds();
	}

	/**
	 * Poll about ten times over the expected wait, at least every second and often enough
	 * that the place is kept (a quarter of the waiting grace).
	 */
	private long pollAfter(long waitSeconds) {
		long ceiling = Math.max(1, Math.min(20, this.properties.waitingGrace().toSeconds() / 4));
		return Math.max(1, Math.min(ceiling, waitSeconds / 10));
	}

	/** A user of a concert, whichever the entry. */
	private record Holder(ConcertId concert, UserId user) {

		static Holder of(QueueToken token) {
			return new Holder(token.concertId(), token.userId());
		}

	}

	/**
	 * The store said ACTIVE for {@code entry} {@code at}, with the admission lasting
	 * until {@code activeUntil}.
	 */
	private record Confirmed(long entry, Instant at, Instant activeUntil) {

		boolean stillFresh(Instant now, Duration recheck) {
			return now.isBefore(this.at.plus(recheck)) && now.isBefore(this.activeUntil) && !now.isBefore(this.at);
		}

	}

}
