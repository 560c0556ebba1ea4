package dev.ticketing.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.point.PointService;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar app.jar seed …}: fills the configured database and writes
 * {@code test-userId-v2.json} and {@code test-concertId.json} for the load-test clients.
 */
@Component
@ConditionalOnProperty(name = "concert.command", havingValue = "seed")
class SeedCommand implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(SeedCommand.class);

	private final ConcertService concerts;

	private final PointService points;

	private final ObjectMapper json;

	private final Clock clock;

	/** The audiences the service asks of access tokens, so the signed ones pass. */
	private final List<String> audiences;

	SeedCommand(ConcertService concerts, PointService points, ObjectMapper json, Clock clock, Environment environment) {
		this.concerts = concerts;
		this.points = points;
		this.json = json;
		this.clock = clock;
		this.audiences = Binder.get(environment)
			.bind("spring.security.oauth2.resourceserver.jwt.audiences", Bindable.listOf(String.class))
			.orElse(List.of());
	}

	@Override
	public void run(ApplicationArguments args) throws IOException {
		SeedPlan plan = SeedPlan.parse(args.getSourceArgs());
		long started = System.nanoTime();
		Instant firstDate = this.clock.instant().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.DAYS);
		List<ConcertId> concertIds = new ArrayList<>();
		for (int c = 1; c <= plan.concerts(); c++) {
			List<Instant> dates = IntStream.range(0, plan.datesPerConcert())
				.mapToObj((d) -> firstDate.plus(Duration.ofDays(d)).plus(Duration.ofHours(19)))
				.toList();
			concertIds
				.add(this.concerts.addConcert("Load test concert " + c, "Main hall", dates, plan.seatMap(), null));
		}
		List<UserId> rich = newUsers(plan.richUsers());
		List<UserId> poor = newUsers(plan.poorUsers());
		this.points.openWallets(rich, Points.of(plan.richBalance()));
		this.points.openWallets(poor, Points.ZERO);

		Files.createDirectories(plan.out());
		this.json.writeValue(plan.out().resolve("test-concertId.json").toFile(),
				Map.of("concert", concertIds.stream().map((id) -> Map.of("id", id.toString())).toList()));
		this.json.writeValue(plan.out().resolve("test-userId-v2.json").toFile(),
				Map.of("rich_users", ids(rich), "poor_users", ids(poor)));
		if (plan.signingKey() != null) {
			List<UserId> everyone = new ArrayList<>(rich);
			everyone.addAll(poor);
			this.json.writeValue(plan.out().resolve("test-accessTokens.json").toFile(), Map.of("tokens",
					SeedTokens.sign(plan.signingKey(), everyone, this.audiences, this.clock.instant())));
		}
		log.info(
				"Seeded {} concerts x {} dates x {} seats ({} sections x {} rows), {} rich and {} poor users in {} ms; "
						+ "ids in {}",
				plan.concerts(), plan.datesPerConcert(), plan.seatsPerDate(), plan.sections(), plan.rows(), rich.size(),
				poor.size(), (System.nanoTime() - started) / 1_000_000, plan.out().toAbsolutePath());
	}

	private static List<UserId> newUsers(int count) {
		return IntStream.range(0, count).mapToObj((i) -> new UserId(UUID.randomUUID())).toList();
	}

	private static List<Map<String, String>> ids(List<UserId> users) {
		return users.stream().map((u) -> Map.of("id", u.toString())).toList();
	}

}
