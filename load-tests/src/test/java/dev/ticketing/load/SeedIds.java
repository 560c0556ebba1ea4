package dev.ticketing.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ids {@code seed --out DIR} wrote, in the seed clients' format:
 * {@code test-userId-v2.json} ({@code {"rich_users":[{"id":…}],"poor_users":[…]}}) and
 * {@code test-concertId.json} ({@code {"concert":[{"id":…}]}}), and, when the seed signed
 * them ({@code --sign-with}), {@code test-accessTokens.json} ({@code {"tokens":{id:
 * jwt}}}).
 */
record SeedIds(List<String> richUsers, List<String> poorUsers, List<String> concerts,
		Map<String, String> accessTokens) {

	static SeedIds read(Path dir) {
		ObjectMapper json = new ObjectMapper();
		try {
			JsonNode users = json.readTree(dir.resolve("test-userId-v2.json").toFile());
			JsonNode concerts = json.readTree(dir.resolve("test-concertId.json").toFile());
			Path tokens = dir.resolve("test-accessTokens.json");
			Map<String, String> accessTokens = new HashMap<>();
			if (Files.exists(tokens)) {
				json.readTree(tokens.toFile())
					.path("tokens")
					.properties()
					.forEach((entry) -> accessTokens.put(entry.getKey(), entry.getValue().asText()));
			}
			SeedIds ids = new SeedIds(ids(users.path("rich_users")), ids(users.path("poor_users")),
					ids(concerts.path("concert")), Map.copyOf(accessTokens));
			if (ids.richUsers.isEmpty() || ids.concerts.isEmpty()) {
				throw new IllegalStateException("No rich users or no concerts in " + dir.toAbsolutePath());
			}
			return ids;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the seed's id files in " + dir.toAbsolutePath()
					+ " (run the service's `seed --out DIR` and pass -DseedDir=DIR)", ex);
		}
	}

	private static List<String> ids(JsonNode array) {
		List<String> ids = new ArrayList<>();
		array.forEach((entry) -> ids.add(entry.path("id").asText()));
		return List.copyOf(ids);
	}

	/**
	 * Whether the users sign in: the service runs in oidc mode and the seed signed
	 * tokens.
	 */
	boolean signIn() {
		return !this.accessTokens.isEmpty();
	}

	/** A share of the rich users (by fraction of the list), so groups need not share. */
	List<String> richUsers(double from, double to) {
		int size = this.richUsers.size();
		int start = Math.min(size - 1, (int) (size * from));
		return this.richUsers.subList(start, Math.max(start + 1, (int) (size * to)));
	}

	/**
	 * Users taken in turn (so concurrent virtual users rarely share one), each with a
	 * random concert, as the seed's clients pick them.
	 */
	Iterator<Map<String, Object>> feeder(List<String> users) {
		if (users.isEmpty()) {
			throw new IllegalStateException("The seed has no users for this group");
		}
		AtomicLong next = new AtomicLong();
		return Stream.generate(() -> {
			String user = users.get((int) (next.getAndIncrement() % users.size()));
			return Map.<String, Object>of("userId", user, "accessToken", this.accessTokens.getOrDefault(user, ""),
					"concertId", this.concerts.get(ThreadLocalRandom.current().nextInt(this.concerts.size())));
		}).iterator();
	}

}
