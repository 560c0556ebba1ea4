package dev.ticketing.concert;

import java.time.Duration;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.ConcertId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Browse responses (concert list, dates with free-seat counts, free seats of a date),
 * kept as serialised JSON for a short time, so a burst of readers costs one query and one
 * serialisation. An entry lives at most {@code concert.cache.browse-ttl}, which bounds
 * how long any instance can show a seat that was just taken, or hide one just freed; this
 * instance's own holds, sales and releases evict at once. Loading is single-flight per
 * key.
 */
@Component
class BrowseCache {

	private final Cache<Object, byte[]> responses;

	private final Cache<Object, byte[]> concerts;

	private final ObjectMapper json;

	BrowseCache(ObjectMapper json, @Value("${concert.cache.browse-ttl:500ms}") Duration ttl,
			@Value("${concert.cache.concerts-ttl:5s}") Duration concertsTtl) {
		this.json = json;
		this.responses = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
		this.concerts = Caffeine.newBuilder().expireAfterWrite(concertsTtl).maximumSize(1).build();
	}

	byte[] concerts(Supplier<Object> load) {
		return this.concerts.get("concerts", (key) -> serialise(load.get()));
	}

	byte[] dates(ConcertId concert, Supplier<Object> load) {
		return this.responses.get(new Dates(concert), (key) -> serialise(load.get()));
	}

	byte[] seats(ConcertId concert, ConcertDateId date, Supplier<Object> load) {
		return this.responses.get(new Seats(concert, date), (key) -> serialise(load.get()));
	}

	@TransactionalEventListener
	void on(SeatAvailabilityChanged changed) {
		// Dates carry free-seat counts, so every dates entry may be stale too; there are
		// few of them.
		this.responses.asMap()
			.keySet()
			.removeIf((key) -> key instanceof Dates
					|| (key instanceof Seats seats && seats.date().equals(changed.concertDateId())));
	}

	private byte[] serialise(Object value) {
		return this.json.writeValueAsBytes(value);
	}

	private record Dates(ConcertId concert) {
	}

	private record Seats(ConcertId concert, ConcertDateId date) {
	}

}
