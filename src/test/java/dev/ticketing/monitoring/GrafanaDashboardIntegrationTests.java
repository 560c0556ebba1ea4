package dev.ticketing.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Points;
import dev.ticketing.concert.Seat;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Grafana dashboard in {@code monitoring/} queries only metrics the service really
 * exposes: every metric name in its PromQL appears in a scrape of /actuator/prometheus
 * once the service has served a booking.
 */
@IntegrationTest
@TestPropertySource(properties = "concert.monitoring.queue-interval=100ms")
class GrafanaDashboardIntegrationTests {

	static final Path DASHBOARD = Path.of("monitoring/grafana-dashboard.json");

	/** PromQL words that look like metric names. */
	static final Set<String> PROMQL = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase", "by",
			"without", "on", "ignoring", "and", "or", "unless", "histogram_quantile", "clamp_min", "clamp_max",
			"label_values", "offset", "bool");

	private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");

	private static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\([^)]*\\)");

	private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");

	private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	BoxOffice boxOffice;

	@Test
	void everyMetricTheDashboardQueriesIsExposed() throws IOException {
		Set<String> queried = metricNames(DASHBOARD);
		assertThat(queried).as("the dashboard covers what the issue asks for")
			.contains("concert_queue_waiting", "concert_queue_active", "concert_queue_limit",
					"concert_queue_admissions_total", "concert_queue_activation_wait_seconds_sum",
					"concert_holds_total", "concert_payments_total", "concert_seat_claims_fallback_total",
					"concert_cache_requests_total", "process_cpu_usage", "jvm_memory_used_bytes",
					"jvm_gc_pause_seconds_sum", "hikaricp_connections_active", "http_server_requests_seconds_bucket");

		book();
		// GC pauses are recorded once one has happened.
		System.gc();
		await().untilAsserted(() -> assertThat(exposed()).containsAll(queried));
	}

	@Test
	void everyPanelHasAQueryAndAUniqueId() throws IOException {
		JsonNode dashboard = JsonMapper.shared().readTree(DASHBOARD.toFile());
		List<Integer> ids = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			ids.add(panel.get("id").asInt());
			if (!panel.get("type").asString().equals("row")) {
				assertThat(panel.get("targets")).as(panel.get("title").asString()).isNotEmpty();
			}
		}
		assertThat(ids).doesNotHaveDuplicates();
	}

	/** A hold refused, a hold paid for: every business meter gets a series. */
	private void book() {
		OnSale sale = this.boxOffice.concertOnSale("Dashboard", 2, Points.of(100));
		Seat seat = sale.seat(0);
		Api api = new Api(this.port);
		String token = api.token(sale.concert(), this.boxOffice.fan(Points.of(1_000)));
		Map<String, Object> body = sale.holdBody();
		String reservation = api.post("/api/v1/reservations/seats/" + seat.id().value(), token, body)
			.getBody()
			.get("reservationId")
			.asString();
		assertThat(api.post("/api/v1/reservations/seats/" + seat.id().value(), token, body).getStatusCode().value())
			.isEqualTo(409);
		assertThat(api.post("/api/v1/payments/" + reservation, token, null).getStatusCode().value()).isEqualTo(200);
	}

	private Set<String> exposed() {
		String scrape = RestClient.create("http://127.0.0.1:" + this.managementPort)
			.get()
			.uri("/actuator/prometheus")
			.retrieve()
			.body(String.class);
		return scrape.lines()
			.filter((line) -> !line.startsWith("#") && !line.isBlank())
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());
	}

	static Set<String> metricNames(Path dashboard) throws IOException {
		JsonNode root = JsonMapper.shared().readTree(Files.readString(dashboard));
		Set<String> names = new TreeSet<>();
		List<String> queries = new ArrayList<>();
		root.findValues("expr").forEach((expr) -> queries.add(expr.asString()));
		root.get("templating").get("list").forEach((variable) -> {
			if (variable.has("query") && variable.get("query").asString().contains("(")) {
				queries.add(variable.get("query").asString());
			}
		});
		for (String query : queries) {
			String bare = RANGE.matcher(GROUPING.matcher(LABEL_MATCHERS.matcher(query).replaceAll(" ")).replaceAll(" "))
				.replaceAll(" ");
			Matcher name = NAME.matcher(bare);
			while (name.find()) {
				String word = name.group();
				boolean followedByCall = bare.substring(name.end()).stripLeading().startsWith("(");
				if (!PROMQL.contains(word) && !followedByCall && word.contains("_")) {
					names.add(word);
				}
			}
		}
		return names;
	}

}
