package dev.ticketing.queue;

import java.time.Clock;
import java.time.Instant;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.KnownConcerts;
import dev.ticketing.common.KnownUsers;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

import org.springframework.stereotype.Service;

/**
 * Issues queue tokens, tells users where they stand, and admits ACTIVE users to the
 * booking path.
 */
@Service
public class QueueService {

	private final WaitingQueue queue;

	private final KnownConcerts concerts;

	private final KnownUsers users;

	private final QueueProperties properties;

	private final Clock clock;

	QueueService(WaitingQueue queue, KnownConcerts concerts, KnownUsers users, QueueProperties properties,
			Clock clock) {
		this.queue = queue;
		this.concerts = concerts;
		this.users = users;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Puts the user in the concert's line, or returns the token and place the user
	 * already has.
	 * @throws ProblemException 404 for an unknown concert or user
	 */
	public QueueTicket issue(ConcertId concert, UserId user) {
		if (!this.concerts.exists(concert)) {
			throw ProblemException.notFound("CONCERT_NOT_FOUND", "No concert " + concert);
		}
		if (!this.users.exists(user)) {
			throw ProblemException.notFound("USER_NOT_FOUND", "No user " + user);
		}
		Instant now = this.clock.instant();
		String secret = this.queue.enter(concert, user, QueueToken.newSecret(), now);
		QueueToken token = new QueueToken(concert, user, secret);
		Standing standing = this.queue.standing(concert, user, secret, now).orElseThrow();
		return ticket(token, standing);
	}

	/**
	 * Where the bearer of {@code token} stands in {@code concert}'s line.
	 * @throws ProblemException 401 if the token is not one issued for this concert
	 */
	public QueueTicket status(ConcertId concert, String token) {
		QueueToken parsed = QueueToken.parse(token);
		if (!parsed.concertId().equals(concert)) {
			throw QueueToken.invalid();
		}
		return ticket(parsed, standingOf(parsed));
	}

	/**
	 * Lets the bearer of an ACTIVE token through to the booking path.
	 * @throws ProblemException 401 for a missing, invalid or expired token, 403 while the
	 * bearer is still waiting
	 */
	public Admission admit(String token) {
		QueueToken parsed = QueueToken.parse(token);
		Standing standing = standingOf(parsed);
		return switch (standing.state()) {
			case ACTIVE -> new Admission(parsed.concertId(), parsed.userId());
			case WAITING -> throw new ProblemException(403, "QUEUE_WAITING", "Still waiting",
					"Position " + standing.position() + " in the queue; booking opens when the token is ACTIVE");
			case EXPIRED -> throw new ProblemException(401, "TOKEN_EXPIRED", "Queue token expired",
					"This token is no longer admitted; issue a new one");
		};
	}

	/**
	 * Frees the user's slot (or place in line) at once and admits the next in line.
	 */
	public void release(ConcertId concert, UserId user) {
		this.queue.leave(concert, user, this.clock.instant());
	}

	/** Number of users admitted to the concert right now. */
	public long activeCount(ConcertId concert) {
		return this.queue.activeCount(concert, this.clock.instant());
	}

	void refill() {
		this.queue.refill(this.clock.instant());
	}

	private Standing standingOf(QueueToken token) {
		return this.queue.standing(token.concertId(), token.userId(), token.secret(), this.clock.instant())
			.orElseThrow(QueueToken::invalid);
	}

	private QueueTicket ticket(QueueToken token, Standing standing) {
		return new QueueTicket(token.encode(), standing.state(), standing.position(),
				estimatedWaitSeconds(standing.position()), standing.activeUntil());
	}

	/**
	 * An upper bound: every admitted user ahead keeps the slot for the whole TTL.
	 */
	private long estimatedWaitSeconds(long position) {
		if (position <= 0) {
			return 0;
		}
		long rounds = (position + this.properties.maxActive() - 1) / this.properties.maxActive();
		return rounds * this.properties.activeTtl().toSeconds();
	}

}
