package dev.ticketing.mail;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticketing.common.FanContacts;
import dev.ticketing.common.UserId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Keeps the address of each signed-in fan's access token. Written only when this instance
 * has not seen the user with that address lately, so a fan's many calls cost one write.
 */
@Component
class FanContactBook implements FanContacts {

	private static final Logger log = LoggerFactory.getLogger(FanContactBook.class);

	/** The longest e-mail address there is (RFC 5321's path limit). */
	private static final int MAX_LENGTH = 320;

	private final MailRepository mails;

	private final Clock clock;

	private final Cache<UserId, String> stored = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterWrite(Duration.ofHours(1))
		.build();

	FanContactBook(MailRepository mails, Clock clock) {
		this.mails = mails;
		this.clock = clock;
	}

	@Override
	public void remember(UserId user, String email) {
		if (email == null || email.isBlank() || email.length() > MAX_LENGTH || !email.contains("@")) {
			return;
		}
		if (email.equals(this.stored.getIfPresent(user))) {
			return;
		}
		try {
			this.mails.saveContact(user, email, this.clock.instant());
			this.stored.put(user, email);
		}
		catch (DataAccessException ex) {
			// An address is not worth failing the fan's call: the next call tries again.
			log.warn("Could not keep a fan's e-mail address: {}", ex.getMessage());
		}
	}

}
