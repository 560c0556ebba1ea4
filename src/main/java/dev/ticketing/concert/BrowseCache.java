package dev.ticketing.concert;

import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.ConcertId;

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

	static final String CACHE_REQUESTS = "concert.cache.requests";

	private final Cache<Object, byte[]> responses;

	private final Cache<Object, byte[]> concerts;

	private final ObjectMapper json;

	private final Counter hits;

	private final Counter misses;

	BrowseCache(ObjectMapper json, MeterRegistry meters, ConcertProperties properties) {
		this.json = json;
		// Both at zero from the start, so dashboards and alerts see them before the
		// first lookup.
		this.hits = lookups("hit", meters);
		this.misses = lookups("miss", meters);
		this.responses = Caffeine.newBuilder().expireAfterWrite(properties.browseTtl()).maximumSize(10_000).build();
		this.concerts = Caffeine.newBuilder().expireAfterWrite(properties.concertsTtl()).maximumSize(1).build();
	}

	private static Counter lookups(String result, MeterRegistry meters) {
		return Counter.builder(CACHE_REQUESTS)
			.description("Catalogue cache lookups")
			.tag("result", result)
			.register(meters);
	}

	byte[] concerts(Supplier<Object> load) {
		return lookUp(this.concerts, "concerts", load);
	}

	byte[] dates(ConcertId concert, Supplier<Object> load) {
		return lookUp(this.responses, new Dates(concert), load);
	}

	/** The date's free seats, of {@code section} only unless it is null. */
	byte[] seats(ConcertId concert, ConcertDateId date, String section, Supplier<Object> load) {
		return lookUp(this.responses, new Seats(concert, date, section), load);
	}

	/** Every seat of the date with its state: the seat map. */
	byte[] seatMap(ConcertId concert, ConcertDateId date, Supplier<Object> load) {
		return lookUp(this.responses, new SeatMapKey(concert, date), load);
	}

	private byte[] lookUp(Cache<Object, byte[]> cache, Object key, Supplier<Object> load) {
		byte[] cached = cache.getIfPresent(key);
		if (cached != null) {
			this.hits.increment();
			return cached;
		}
		this.misses.increment();
		return cache.get(key, (k) -> serialise(load.get()));
	}

	@TransactionalEventListener
	void on(SeatAvailabilityChanged changed) {
		// Dates carry free-seat counts, so every dates entry may be stale too; there are
		// few of them.
		this.responses.asMap()
			.keySet()
			.removeIf((key) -> key instanceof Dates
					|| (key instanceof Seats seats && seats.date().equals(changed.concertDateId()))
					|| (key instanceof SeatMapKey map && map.date().equals(changed.concertDateId())));
	}

	/**
	 * A concert was created, changed or went on sale through this instance: the list
	 * shows it at once here (within {@code concerts-ttl} elsewhere).
	 */
	@TransactionalEventListener(fallbackExecution = true)
	void on(ConcertChanged changed) {
		this.concerts.invalidateAll();
		this.responses.asMap()
			.keySet()
			.removeIf((key) -> key instanceof Dates dates && dates.concert().equals(changed.concertId()));
	}

	private byte[] serialise(Object value) {
		return this.json.writeValueAsBytes(value);
	}

	private record Dates(ConcertId concert) {
	}

	private record Seats(ConcertId concert, ConcertDateId date, String section) {
	}

	private record SeatMapKey(ConcertId concert, ConcertDateId date) {
	}

}
