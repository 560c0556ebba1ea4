package dev.ticketing.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

/**
 * Reads the service's Actuator while a simulation runs, in the simulation's own JVM:
 * every second one {@link Sample} of CPU, heap, GC, connection pool, threads and the
 * queue's {@code concert.queue.active} gauge, into {@code metrics.csv}; and the service's
 * own request count per endpoint and status ({@code http.server.requests}) at the start
 * and the end, whose difference goes into {@code server-requests.csv}. Units come from
 * each meter's {@code baseUnit}. A meter that cannot be read leaves its column empty: the
 * load test goes on.
 */
final class ServiceSampler {

	private static final CsvMapper csv = new CsvMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final ObjectMapper json = new ObjectMapper();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("service-sampler").factory());

	private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

	private final String url;

	private final Path dir;

	private final long started = System.currentTimeMillis();

	private final Map<List<String>, Long> requestsBefore;

	private ServiceSampler(String url, Path dir) {
		this.url = url;
		this.dir = dir;
		this.requestsBefore = requests();
		Double cpus = value(metric("system.cpu.count"), "VALUE");
		this.timer.scheduleAtFixedRate(() -> this.samples.add(sample(cpus)), 0, 1, TimeUnit.SECONDS);
	}

	static ServiceSampler start(LoadSettings settings) {
		return new ServiceSampler(settings.managementUrl(), settings.resultsDir());
	}

	/** Stops sampling and writes {@code metrics.csv} and {@code server-requests.csv}. */
	void stop() {
		this.timer.shutdownNow();
		try {
			this.timer.awaitTermination(5, TimeUnit.SECONDS);
			Files.createDirectories(this.dir);
			csv.writer(csv.schemaFor(Sample.class).withHeader())
				.writeValues(this.dir.resolve("metrics.csv").toFile())
				.writeAll(this.samples)
				.close();
			List<ServerRequests> delta = new ArrayList<>();
			requests().forEach((key, count) -> {
				long n = count - this.requestsBefore.getOrDefault(key, 0L);
				if (n > 0) {
					delta.add(new ServerRequests(key.get(0), key.get(1), n));
				}
			});
			csv.writer(csv.schemaFor(ServerRequests.class).withHeader())
				.writeValues(this.dir.resolve("server-requests.csv").toFile())
				.writeAll(delta)
				.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Sample sample(Double cpus) {
		long now = System.currentTimeMillis();
		JsonNode gc = metric("jvm.gc.pause");
		JsonNode cpuTime = metric("process.cpu.time");
		Double cpuTimeValue = value(cpuTime, "TOTAL") != null ? value(cpuTime, "TOTAL") : value(cpuTime, "COUNT");
		return new Sample(now, (now - this.started) / 1000.0, value(metric("process.cpu.usage"), "VALUE"),
				value(metric("system.cpu.usage"), "VALUE"), cpus, seconds(cpuTime, cpuTimeValue),
				mb(value(metric("jvm.memory.used", "area:heap"), "VALUE")),
				mb(value(metric("jvm.memory.committed", "area:heap"), "VALUE")),
				mb(value(metric("jvm.memory.used", "area:nonheap"), "VALUE")), value(gc, "COUNT"),
				seconds(gc, value(gc, "TOTAL_TIME")), millis(gc, value(gc, "MAX")),
				value(metric("hikaricp.connections.active"), "VALUE"),
				value(metric("hikaricp.connections.pending"), "VALUE"), value(metric("jvm.threads.live"), "VALUE"),
				queueActive());
	}

	/** The most ACTIVE users of any concert: the gauge has one value per concert. */
	private Double queueActive() {
		return tagValues(metric("concert.queue.active"), "concert").stream()
			.map((concert) -> value(metric("concert.queue.active", "concert:" + concert), "VALUE"))
			.filter((v) -> v != null)
			.max(Double::compare)
			.orElse(null);
	}

	/**
	 * The count of every (endpoint, status) the service answered, Actuator's own left
	 * out.
	 */
	private Map<List<String>, Long> requests() {
		JsonNode all = metric("http.server.requests");
		Map<List<String>, Long> counts = new LinkedHashMap<>();
		for (String uri : tagValues(all, "uri")) {
			if (uri.startsWith("/actuator")) {
				continue;
			}
			for (String status : tagValues(metric("http.server.requests", "uri:" + uri), "status")) {
				Double n = value(metric("http.server.requests", "uri:" + uri, "status:" + status), "COUNT");
				if (n != null) {
					counts.put(List.of(uri, status), n.longValue());
				}
			}
		}
		return counts;
	}

	private JsonNode metric(String name, String... tags) {
		String query = Arrays.stream(tags)
			.map((t) -> "tag=" + URLEncoder.encode(t, StandardCharsets.UTF_8))
			.collect(Collectors.joining("&", "?", ""));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.url + "/actuator/metrics/" + name + query))
			.timeout(Duration.ofSeconds(2))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
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

	private static Double value(JsonNode metric, String statistic) {
		if (metric == null) {
			return null;
		}
		for (JsonNode m : metric.path("measurements")) {
			if (statistic.equals(m.path("statistic").asText())) {
				return m.path("value").asDouble();
			}
		}
		return null;
	}

	private static List<String> tagValues(JsonNode metric, String tag) {
		List<String> values = new ArrayList<>();
		if (metric != null) {
			for (JsonNode t : metric.path("availableTags")) {
				if (tag.equals(t.path("tag").asText())) {
					t.path("values").forEach((v) -> values.add(v.asText()));
				}
			}
		}
		return values;
	}

	/** A time in the meter's own {@code baseUnit}, in seconds. */
	private static Double seconds(JsonNode metric, Double value) {
		if (value == null) {
			return null;
		}
		String unit = metric.path("baseUnit").asText("seconds");
		TimeUnit from = switch (unit) {
			case "nanoseconds", "ns" -> TimeUnit.NANOSECONDS;
			case "microseconds", "us" -> TimeUnit.MICROSECONDS;
			case "milliseconds", "ms" -> TimeUnit.MILLISECONDS;
			case "seconds", "s" -> TimeUnit.SECONDS;
			default -> throw new IllegalStateException("time in an unknown unit: " + unit);
		};
		return value * from.toNanos(1) / 1e9;
	}

	private static Double millis(JsonNode metric, Double value) {
		Double s = seconds(metric, value);
		return (s == null) ? null : s * 1000;
	}

	private static Double mb(Double bytes) {
		return (bytes == null) ? null : bytes / (1024 * 1024);
	}

	/** One second of the service, a row of {@code metrics.csv}. */
	@JsonPropertyOrder({ "time", "elapsedS", "processCpu", "systemCpu", "cpus", "processCpuTimeS", "heapUsedMb",
			"heapCommittedMb", "nonheapUsedMb", "gcPauses", "gcPauseTotalS", "gcPauseMaxMs", "hikariActive",
			"hikariPending", "threads", "queueActive" })
	record Sample(long time, double elapsedS, Double processCpu, Double systemCpu, Double cpus, Double processCpuTimeS,
			Double heapUsedMb, Double heapCommittedMb, Double nonheapUsedMb, Double gcPauses, Double gcPauseTotalS,
			Double gcPauseMaxMs, Double hikariActive, Double hikariPending, Double threads, Double queueActive) {
	}

	/** The service's count of one endpoint and status during the run. */
	@JsonPropertyOrder({ "uri", "status", "count" })
	record ServerRequests(String uri, String status, long count) {
	}

}
