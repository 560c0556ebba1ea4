package dev.ticketing.concert;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the catalogue's caches ({@code concert.cache.*}); application.yml names
 * each with its default and why.
 *
 * @param browseTtl longest a browse answer (dates, free seats) is served from memory
 * @param concertsTtl longest the fans' concert list is served from memory
 * @param saleTtl longest an instance goes on with a concert's sale settings (status,
 * opening, waiting room) after an organiser changed them on another instance
 */
@ConfigurationProperties("concert.cache")
record ConcertProperties(@DefaultValue("500ms") Duration browseTtl, @DefaultValue("5s") Duration concertsTtl,
		@DefaultValue("1s") Duration saleTtl) {

	ConcertProperties {
		for (Duration d : new Duration[] { browseTtl, concertsTtl, saleTtl }) {
			if (d.isNegative()) {
				throw new IllegalArgumentException("concert.cache durations must not be negative");
			}
		}
	}

}
