package dev.ticketing.load;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Reads the service's Actuator while a simulation runs, in the simulation's JVM: each
 * second a row of {@code metrics.csv} (the {@link #COLUMNS}), and at the start and the
 * end the service's own count of each endpoint and status ({@code http.server.requests}),
 * whose difference goes into {@code server-requests.csv}. A meter that cannot be read
 * leaves its cell empty: the load test goes on.
 */
final class ServiceSampler {

	private static final double MB = 1.0 / (1024 * 1024);

	/**
	 * What each column is: a meter's statistic, of one tag (or the most of any value of
	 * it).
	 */
	private static final List<Column> COLUMNS = List.of(new Column("process_cpu", "process.cpu.usage", "VALUE"),
			new Column("system_cpu", "system.cpu.usage", "VALUE"), new Column("cpus", "system.cpu.count", "VALUE"),
			new Column("process_cpu_time_s", "process.cpu.time", "COUNT", null, true, 1),
			new Column("heap_used_mb", "jvm.memory.used", "VALUE", "area:heap", false, MB),
			new Column("heap_committed_mb", "jvm.memory.committed", "VALUE", "area:heap", false, MB),
			new Column("nonheap_used_mb", "jvm.memory.used", "VALUE", "area:nonheap", false, MB),
			new Column("gc_pauses", "jvm.gc.pause", "COUNT"),
			new Column("gc_pause_total_s", "jvm.gc.pause", "TOTAL_TIME", null, true, 1),
			new Column("gc_pause_max_ms", "jvm.gc.pause", "MAX", null, true, 1000),
			new Column("hikari_active", "hikaricp.connections.active", "VALUE"),
			new Column("hikari_pending", "hikaricp.connections.pending", "VALUE"),
			new Column("threads", "jvm.threads.live", "VALUE"),
			new Column("queue_active", "concert.queue.active", "VALUE", "concert", false, 1));

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ObjectMapper json = new ObjectMapper();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());

	private final ConcurrentLinkedQueue<Map<String, Object>> rows = new ConcurrentLinkedQueue<>();

	private final LoadSettings settings;

	private final long started = System.currentTimeMillis();

	private final Map<List<String>, Double> requestsBefore;

	private ServiceSampler(LoadSettings settings) {
		this.settings = settings;
		this.requestsBefore = requests();
		this.timer.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
	}

	static ServiceSampler start(LoadSettings settings) {
		return new ServiceSampler(settings);
	}

	/** Stops sampling and writes {@code metrics.csv} and {@code server-requests.csv}. */
	void stop() {
		this.timer.shutdownNow();
		List<Map<String, Object>> counts = new ArrayList<>();
		requests().forEach((key, n) -> {
			double delta = n - this.requestsBefore.getOrDefault(key, 0.0);
			if (delta > 0) {
				counts.add(Map.of("uri", key.get(0), "status", key.get(1), "count", delta));
			}
		});
		try {
			this.timer.awaitTermination(5, TimeUnit.SECONDS);
			write("metrics.csv", Stream.concat(Stream.of("time_ms", "elapsed_s"), COLUMNS.stream().map(Column::name)),
					List.copyOf(this.rows));
			write("server-requests.csv", Stream.of("uri", "status", "count"), counts);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void sample() {
		long now = System.currentTimeMillis();
		Map<String, Object> row = new LinkedHashMap<>(
				Map.of("time_ms", now, "elapsed_s", (now - this.started) / 1000.0));
		for (Column column : COLUMNS) {
			row.put(column.name(), read(column));
		}
		this.rows.add(row);
	}

	private Double read(Column column) {
		if (column.tag() != null && !column.tag().contains(":")) {
			return tagValues(metric(column.meter()), column.tag()).stream()
				.map((v) -> read(new Column(column.name(), column.meter(), column.statistic(), column.tag() + ":" + v,
						column.time(), column.scale())))
				.filter(Objects::nonNull)
				.max(Double::compare)
				.orElse(null);
		}
		JsonNode metric = (column.tag() != null) ? metric(column.meter(), column.tag()) : metric(column.meter());
		Double value = statistic(metric, column.statistic());
		if (value == null) {
			return null;
		}
		double unit = column.time() ? toSeconds(metric.path("baseUnit").asText("seconds")) : 1;
		return value * unit * column.scale();
	}

	/**
	 * The count of every endpoint and status the service answered, Actuator's own left
	 * out.
	 */
	private Map<List<String>, Double> requests() {
		Map<List<String>, Double> counts = new LinkedHashMap<>();
		for (String uri : tagValues(metric("http.server.requests"), "uri")) {
			for (String status : uri.startsWith("/actuator") ? List.<String>of()
					: tagValues(metric("http.server.requests", "uri:" + uri), "status")) {
				Double n = statistic(metric("http.server.requests", "uri:" + uri, "status:" + status), "COUNT");
				if (n != null) {
					counts.put(List.of(uri, status), n);
				}
			}
		}
		return counts;
	}

	private JsonNode metric(String name, String... tags) {
		StringBuilder url = new StringBuilder(this.settings.managementUrl()).append("/actuator/metrics/").append(name);
		for (int i = 0; i < tags.length; i++) {
			url.append((i == 0) ? '?' : '&').append("tag=").append(URLEncoder.encode(tags[i], StandardCharsets.UTF_8));
		}
		try {
			var response = this.http.send(
					HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(2)).build(),
					BodyHandlers.ofString());
			return (response.statusCode() == 200) ? this.json.readTree(response.body()) : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static Double statistic(JsonNode metric, String statistic) {
		for (JsonNode m : (metric != null) ? metric.path("measurements") : List.<JsonNode>of()) {
			if (statistic.equals(m.path("statistic").asText())) {
				return m.path("value").asDouble();
			}
		}
		return null;
	}

	private static List<String> tagValues(JsonNode metric, String tag) {
		List<String> values = new ArrayList<>();
		for (JsonNode t : (metric != null) ? metric.path("availableTags") : List.<JsonNode>of()) {
			if (tag.equals(t.path("tag").asText())) {
				t.path("values").forEach((v) -> values.add(v.asText()));
			}
		}
		return values;
	}

	/** Seconds in one of a time meter's {@code baseUnit}. */
	private static double toSeconds(String unit) {
		return switch (unit) {
			case "nanoseconds", "ns" -> 1e-9;
			case "microseconds", "us" -> 1e-6;
			case "milliseconds", "ms" -> 1e-3;
			case "seconds", "s" -> 1;
			default -> throw new IllegalStateException("a time in an unknown unit: " + unit);
		};
	}

	private void write(String file, Stream<String> columns, List<Map<String, Object>> rows) {
		CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
		columns.forEach(schema::addColumn);
		File out = this.settings.resultsDir().resolve(file).toFile();
		try {
			out.getParentFile().mkdirs();
			new CsvMapper().writer(schema.build()).writeValues(out).writeAll(rows).close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A column of {@code metrics.csv}.
	 *
	 * @param tag {@code name:value}, or a tag name: the most of any of its values
	 * @param time whether the value is a time in the meter's base unit, to be given in
	 * seconds
	 * @param scale what the value (in seconds, for a time) is multiplied by
	 */
	record Column(String name, String meter, String statistic, String tag, boolean time, double scale) {

		Column(String name, String meter, String statistic) {
			this(name, meter, statistic, null, false, 1);
		}

	}

}
