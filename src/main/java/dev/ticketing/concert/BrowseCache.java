package dev.ticketing.concert;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.AfterCommit;
import dev.ticketing.common.ConcertId;

import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * Browse responses (concert list, dates with free-seat counts, free seats of a date, the
 * seat map, the hall by section and each section's states), kept as serialised JSON for a
 * short time, so a burst of readers costs one query and one serialisation. An entry lives
 * at most {@code concert.cache.browse-ttl}, which bounds how long any instance can show a
 * seat that was just taken, or hide one just freed; this instance's own holds, sales,
 * releases and refunds evict at once. An answer that says until when it is true (the seat
 * map, until its first hold runs out) is not served past that moment of the service's
 * clock. Loading is single-flight per key.
 */
@Component
class BrowseCache {

	static final String CACHE_REQUESTS = "concert.cache.requests";

	private final Cache<Object, Cached> responses;

	private final Cache<Object, Cached> concerts;

	private final ObjectMapper json;

	private final Counter hits;

	private final Counter misses;

	private final Clock clock;

	BrowseCache(ObjectMapper json, MeterRegistry meters, ConcertProperties properties, Clock clock) {
		this.json = json;
		this.clock = clock;
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
		return lookUp(this.concerts, "concerts", () -> new Expiring(load.get(), null));
	}

	byte[] dates(ConcertId concert, Supplier<Object> load) {
		return lookUp(this.responses, new Dates(concert), () -> new Expiring(load.get(), null));
	}

	/** The date's free seats, of {@code section} only unless it is null. */
	byte[] seats(ConcertId concert, ConcertDateId date, String section, Supplier<Object> load) {
		return lookUp(this.responses, new Seats(concert, date, section), () -> new Expiring(load.get(), null));
	}

	/**
	 * Every seat of the date with its state: the seat map, true until the first of its
	 * holds runs out at the latest.
	 */
	byte[] seatMap(ConcertId concert, ConcertDateId date, Supplier<Expiring> load) {
		return lookUp(this.responses, new SeatMapKey(concert, date), load);
	}

	/**
	 * The date's hall by section (names, prices, free seats): true until the first of its
	 * holds runs out at the latest.
	 */
	Versioned hall(ConcertId concert, ConcertDateId date, Supplier<Expiring> load) {
		return entry(this.responses, new HallKey(concert, date), load, true);
	}

	/**
	 * One section's seats and their states, true until the first of its holds runs out at
	 * the latest.
	 */
	Versioned section(ConcertId concert, ConcertDateId date, String section, Supplier<Expiring> load) {
		return entry(this.responses, new SectionKey(concert, date, section), load, true);
	}

	private byte[] lookUp(Cache<Object, Cached> cache, Object key, Supplier<Expiring> load) {
		return entry(cache, key, load, false).body();
	}

	private Cached entry(Cache<Object, Cached> cache, Object key, Supplier<Expiring> load, boolean versioned) {
		Cached cached = cache.getIfPresent(key);
		if (cached != null && cached.trueAt(this.clock.instant())) {
			this.hits.increment();
			return cached;
		}
		this.misses.increment();
		if (cached != null) {
			// Only that answer: one loaded meanwhile by another reader stays.
			cache.asMap().remove(key, cached);
		}
		return cache.get(key, (k) -> serialise(load.get(), versioned));
	}

	@AfterCommit
	void on(SeatAvailabilityChanged changed) {
		// Dates carry free-seat counts, so every dates entry may be stale too; there are
		// few of them. A sale frees nothing but changes the seat map, and evicts the
		// rest with it: it is rarer than holds.
		this.responses.asMap()
			.keySet()
			.removeIf((key) -> key instanceof Dates
					|| (key instanceof Seats seats && seats.date().equals(changed.concertDateId()))
					|| (key instanceof SeatMapKey map && map.date().equals(changed.concertDateId()))
					|| (key instanceof HallKey hall && hall.date().equals(changed.concertDateId()))
					|| (key instanceof SectionKey section && section.date().equals(changed.concertDateId())));
	}

	/**
	 * A concert was created, changed or went on sale through this instance: the list
	 * shows it at once here (within {@code concerts-ttl} elsewhere).
	 */
	@AfterCommit(fallbackExecution = true)
	void on(ConcertChanged changed) {
		this.concerts.invalidateAll();
		this.responses.asMap()
			.keySet()
			.removeIf((key) -> key instanceof Dates dates && dates.concert().equals(changed.concertId()));
	}

	private Cached serialise(Expiring answer, boolean versioned) {
		byte[] body = this.json.writeValueAsBytes(answer.value());
		// Only what a client asks for by version keeps its value and pays for a digest.
		// Weak: Tomcat compresses no answer with a strong ETag (the gzipped bytes are not
		// the ones tagged), and a section's states are 5,000 letters that gzip to a few
		// hundred bytes. A weak tag still answers If-None-Match, whose comparison is
		// weak.
		return versioned
				? new Cached(body, answer.until(), answer.value(), "W/\"" + DigestUtils.md5DigestAsHex(body) + "\"")
				: new Cached(body, answer.until(), null, null);
	}

	/**
	 * An answer to cache, and the moment it stops being true by itself (a hold in it runs
	 * out), or null if only a change can make it untrue.
	 */
	record Expiring(Object value, Instant until) {
	}

	/**
	 * A cached answer with what it says (the value it was serialised from) and its
	 * version: a strong entity tag that is a digest of the body, so every instance gives
	 * the same state the same tag, and any change of a seat's state (a hold, its running
	 * out, a payment, a cancellation, a refund) gives another.
	 */
	interface Versioned {

		byte[] body();

		Object value();

		String eTag();

	}

	private record Cached(byte[] body, Instant until, Object value, String eTag) implements Versioned {

		boolean trueAt(Instant now) {
			return this.until == null || now.isBefore(this.until);
		}

	}

	private record Dates(ConcertId concert) {
	}

	private record Seats(ConcertId concert, ConcertDateId date, String section) {
	}

	private record SeatMapKey(ConcertId concert, ConcertDateId date) {
	}

	private record HallKey(ConcertId concert, ConcertDateId date) {
	}

	private record SectionKey(ConcertId concert, ConcertDateId date, String section) {
	}

}
