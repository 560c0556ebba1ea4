package dev.ticketing.load;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ticketing.load.ServiceSampler.Sample;
import dev.ticketing.load.ServiceSampler.ServerRequests;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.VectorGraphicsEncoder.VectorGraphicsFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.knowm.xchart.style.Styler.LegendPosition;

/**
 * Writes a run's {@code report.md} and {@code report.html} (charts as inline SVG) from
 * what the simulation recorded in its folder: every response and activation
 * ({@link RunSummary}: each figure about requests comes from these), the service's own
 * samples and request counts ({@link ServiceSampler}), Gatling's assertions as it printed
 * them in {@code gatling.log} (it writes them nowhere else), and the audit's table.
 * {@code load-tests/run.sh} runs it with {@code mvn exec:java} and these options:
 * {@code --run DIR --audit FILE --audit-rc N --target-tps N --heap SIZE --max-active N
 * --p95-ms N --seed-p95-ms N --active-ttl DUR}.
 */
public final class Report {

	private static final List<String> STEP_ORDER = List.of("token issue", "status poll", "dates", "seats", "reserve",
			"payment", "leave");

	private static final Pattern ASSERTION = Pattern.compile("^(.*) : (true|false) \\(actual : (.*)\\)$");

	private static final String SERVER_ERROR = "server error (5xx)";

	private static final String UNEXPECTED = "unexpected answer";

	private final List<Block> blocks = new ArrayList<>();

	private Report() {
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		new Report().write(new Options(options));
	}

	private void write(Options o) throws IOException {
		Path run = o.run();
		String name = run.getFileName().toString();
		JsonNode summary = Files.exists(run.resolve("summary.json"))
				? new ObjectMapper().readTree(run.resolve("summary.json").toFile())
				: new ObjectMapper().createObjectNode();
		JsonNode settings = summary.path("settings");
		List<Response> responses = csv(run.resolve("responses.csv"), Response.class);
		List<Activation> activations = csv(run.resolve("activations.csv"), Activation.class);
		List<Sample> samples = csv(run.resolve("metrics.csv"), Sample.class);
		List<ServerRequests> serverRequests = csv(run.resolve("server-requests.csv"), ServerRequests.class);
		List<String[]> assertions = assertions(run.resolve("gatling.log"));
		String auditText = Files.exists(o.audit()) ? Files.readString(o.audit()) : "";
		String auditTable = auditText.lines()
			.filter((l) -> l.startsWith("|") || l.startsWith("AUDIT"))
			.collect(Collectors.joining("\n"));
		boolean auditOk = o.auditRc() == 0 && auditTable.contains("AUDIT PASSED");

		// Requests: by step, by (step, status, expected), by second.
		Map<String, List<Long>> byStep = new TreeMap<>(
				Comparator.comparingInt(Report::stepRank).thenComparing(Comparator.naturalOrder()));
		Map<Response, Long> statuses = new TreeMap<>(Comparator.comparingInt((Response r) -> stepRank(r.step()))
			.thenComparing(Response::step)
			.thenComparingInt(Response::status)
			.thenComparingInt(Response::expected));
		Map<Long, List<Response>> seconds = new TreeMap<>();
		for (Response r : responses) {
			byStep.computeIfAbsent(r.step(), (s) -> new ArrayList<>()).add(r.ms());
			statuses.merge(new Response(0, r.step(), r.status(), 0, r.expected()), 1L, Long::sum);
			seconds.computeIfAbsent(r.endMs() / 1000, (s) -> new ArrayList<>()).add(r);
		}
		long first = responses.stream().mapToLong(Response::endMs).min().orElse(0);
		long last = responses.stream().mapToLong(Response::endMs).max().orElse(0);
		double wallS = Math.max(1.0, (last - first) / 1000.0);
		long total = responses.size();
		double rps = total / wallS;
		Map<String, Long> classes = new TreeMap<>();
		statuses.forEach((r, n) -> classes.merge(classify(r), n, Long::sum));
		long serverErrors = classes.getOrDefault(SERVER_ERROR, 0L);
		long unexpected = classes.getOrDefault(UNEXPECTED, 0L);
		Double gatlingFailed = assertions.stream()
			.filter((a) -> a[0].startsWith("Global: count of failed events"))
			.map((a) -> Double.valueOf(a[2]))
			.findFirst()
			.orElse(null);
		Long noResponse = (gatlingFailed == null) ? null
				: Math.max(0, gatlingFailed.longValue() - serverErrors - unexpected);

		// Activation.
		List<Long> admitted = activations.stream().filter((a) -> a.active() == 1).map(Activation::waitedMs).toList();
		long attempts = activations.size();
		Double activationPct = (attempts == 0) ? null : 100.0 * admitted.size() / attempts;

		// Resources.
		double cpus = samples.stream()
			.map(Sample::cpus)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse((double) Runtime.getRuntime().availableProcessors());
		List<Double> cpuCores = column(samples, Sample::processCpu).stream().map((v) -> v * cpus).toList();
		List<Double> heap = column(samples, Sample::heapUsedMb);
		List<Double> cpuTime = column(samples, Sample::processCpuTimeS);
		Double cpuPerRequest = (cpuTime.size() >= 2 && total > 0) ? (cpuTime.getLast() - cpuTime.getFirst()) / total
				: null;
		List<Double> pool = column(samples, Sample::hikariActive);
		List<Double> pending = column(samples, Sample::hikariPending);
		List<Double> queueActive = column(samples, Sample::queueActive);
		List<Double> nonHeap = column(samples, Sample::nonheapUsedMb);
		List<Double> systemCpu = column(samples, Sample::systemCpu);
		Capacity plan = Capacity.of(cpuPerRequest, rps, max(heap), max(nonHeap), max(pool), o.targetTps());

		// 1. Targets.
		List<List<String>> targets = new ArrayList<>();
		target(targets, "Server errors (5xx)", fmt(serverErrors), "0", serverErrors == 0);
		target(targets, "Timeouts, connection errors, failed content checks", fmt(noResponse), "0",
				(noResponse == null) ? null : noResponse == 0);
		target(targets, "Unexpected answers (neither success nor business rejection)", fmt(unexpected), "0",
				unexpected == 0);
		double failedPct = (total == 0) ? 0 : 100.0 * ((gatlingFailed == null) ? 0 : gatlingFailed) / total;
		target(targets, "Failed requests (seed threshold)", fmt(failedPct, " %", 2), "< 5 %", failedPct < 5);
		Long overallP95 = pct(responses.stream().map(Response::ms).toList(), 95);
		target(targets, "p95, all requests (seed threshold)", fmt(overallP95, " ms"), "< " + fmt(o.seedP95Ms()) + " ms",
				overallP95 != null && overallP95 < o.seedP95Ms());
		byStep.forEach((step, ms) -> {
			if (!step.equals("leave")) {
				Long p95 = pct(ms, 95);
				target(targets, "p95 " + step, fmt(p95, " ms"), "≤ " + fmt(o.p95Ms()) + " ms", p95 <= o.p95Ms());
			}
		});
		double activationTarget = settings.path("targetActivationPercent").asDouble(99);
		boolean seedMulti = name.startsWith("seed-multi")
				|| "SeedMultiScenario".equals(summary.path("simulation").asText());
		target(targets, "Activation success within patience", fmt(activationPct, " %", 1),
				seedMulti ? "≥ " + fmt(activationTarget) + " %" : "(informational)",
				seedMulti ? activationPct != null && activationPct >= activationTarget : null);
		boolean contention = name.contains("contention");
		target(targets, "Throughput (mean over the run)", fmt(rps, " req/s"), contention ? "seed 002: 50 TPS" : "—",
				contention ? rps >= 50 : null);
		if (!queueActive.isEmpty()) {
			target(targets, "Most ACTIVE users seen (the service's concert.queue.active, sampled each second)",
					fmt(max(queueActive)), "≤ " + o.maxActive(), max(queueActive) <= o.maxActive());
		}
		target(targets, "Integrity audit", auditOk ? "clean" : "VIOLATIONS", "clean", auditOk);
		boolean allMet = targets.stream().noneMatch((r) -> r.get(3).equals("FAIL"));

		// 2. and 3. Steps and statuses.
		List<List<String>> stepRows = new ArrayList<>();
		byStep.forEach((step,
				ms) -> stepRows.add(List.of(step, fmt(ms.size()), fmt(ms.size() / wallS, "", 1), fmt(min(ms)),
						fmt(pct(ms, 50)), fmt(pct(ms, 95)), fmt(pct(ms, 99)), fmt(maxLong(ms)),
						fmt(ms.stream().mapToLong(Long::longValue).average().orElse(0), "", 1),
						statuses.entrySet()
							.stream()
							.filter((e) -> e.getKey().step().equals(step))
							.map((e) -> e.getKey().status() + "×" + fmt(e.getValue()))
							.collect(Collectors.joining(", ")))));
		List<List<String>> classRows = statuses.entrySet()
			.stream()
			.map((e) -> List.of(e.getKey().step(), String.valueOf(e.getKey().status()), fmt(e.getValue()),
					classify(e.getKey())))
			.toList();
		List<List<String>> serverRows = serverRequests.stream()
			.sorted(Comparator.comparing(ServerRequests::uri).thenComparing(ServerRequests::status))
			.map((r) -> List.of(r.uri(), r.status(), fmt(r.count())))
			.toList();

		// 4. to 6.
		List<List<String>> activationRows = List.of(List.of("users who waited", fmt(attempts)),
				List.of("became ACTIVE", fmt(admitted.size())),
				List.of("gave up after the patience", fmt(attempts - admitted.size())),
				List.of("success", fmt(activationPct, " %", 1)),
				List.of("wait of those admitted, p50 / p95 / p99 / max",
						fmt(pct(admitted, 50), " ms") + " / " + fmt(pct(admitted, 95), " ms") + " / "
								+ fmt(pct(admitted, 99), " ms") + " / " + fmt(maxLong(admitted), " ms")),
				List.of("patience", fmt(number(settings, "patienceSeconds"), " s")));
		List<List<String>> outcomes = new ArrayList<>();
		summary.path("outcomes")
			.properties()
			.forEach((e) -> outcomes.add(List.of(e.getKey(), fmt(e.getValue().asLong()))));
		List<Double> gcCount = column(samples, Sample::gcPauses);
		List<Double> gcTotal = column(samples, Sample::gcPauseTotalS);
		Double gcTotalDelta = delta(gcTotal);
		List<List<String>> resourceRows = List.of(
				List.of("Machine CPU, all processes (the load generator, databases and anything else running)",
						"mean " + fmt(orZero(avg(systemCpu)) * 100, " %") + ", peak "
								+ fmt(orZero(max(systemCpu)) * 100, " %")),
				List.of("Service CPU (cores of " + fmt(cpus) + ")",
						"mean " + fmt(avg(cpuCores), "", 2) + ", peak " + fmt(max(cpuCores), "", 2)),
				List.of("CPU per request", fmt((cpuPerRequest == null) ? null : cpuPerRequest * 1000, " ms", 3)),
				List.of("Heap used",
						"peak " + fmt(max(heap), " MB") + ", mean " + fmt(avg(heap), " MB") + " (limit -Xmx" + o.heap()
								+ ")"),
				List.of("Non-heap used", "peak " + fmt(max(nonHeap), " MB")),
				List.of("GC pauses",
						fmt(delta(gcCount)) + " pauses, " + fmt(orZero(gcTotalDelta) * 1000, " ms")
								+ " in all, longest " + fmt(max(column(samples, Sample::gcPauseMaxMs)), " ms")),
				List.of("DB pool (HikariCP) active",
						"peak " + fmt(max(pool)) + ", waiting for a connection: peak " + fmt(max(pending))),
				List.of("Live threads", "peak " + fmt(max(column(samples, Sample::threads)))));

		// The report.
		String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
			.format(Instant.ofEpochMilli(first).atZone(ZoneId.systemDefault()));
		heading(1, "Load test report: " + summary.path("simulation").asText(name));
		paragraph("Run " + when + ": " + fmt(number(settings, "users")) + " virtual users (closed model), ramp "
				+ fmt(number(settings, "rampSeconds")) + " s, plateau " + fmt(number(settings, "durationSeconds"))
				+ " s, think time " + fmt(number(settings, "thinkMs")) + " ms, status poll every "
				+ fmt(number(settings, "pollMs")) + " ms, patience " + fmt(number(settings, "patienceSeconds"))
				+ " s; service max-active " + o.maxActive() + ", active-ttl " + o.activeTtl() + ", -Xmx" + o.heap()
				+ "; " + fmt(cpus) + " CPUs seen by the service (the load generator runs on the same machine). "
				+ fmt(total) + " requests in " + fmt(wallS) + " s.");
		heading(2, "1. Results against the targets");
		paragraph(allMet ? "All targets met." : "Not every target was met: see the FAIL rows.");
		table(List.of("Metric", "Measured", "Target", "Result"), targets);
		heading(2, "2. Latency per step (ms)");
		table(List.of("Step", "Requests", "req/s", "min", "p50", "p95", "p99", "max", "mean", "Statuses"), stepRows);
		CategoryChart latency = new CategoryChartBuilder().width(1000)
			.height(300)
			.title("Latency per step: p50 / p95 / p99 (ms)")
			.build();
		for (int p : new int[] { 50, 95, 99 }) {
			if (!byStep.isEmpty()) {
				latency.addSeries("p" + p, List.copyOf(byStep.keySet()),
						byStep.values().stream().map((ms) -> pct(ms, p)).toList());
			}
		}
		chart("latency", byStep.isEmpty() ? null : latency);
		XYChart throughput = lines("Throughput (requests/s) and p95 latency (ms) over time");
		series(throughput, "requests/s", seconds, first, (rs) -> rs.size());
		series(throughput, "unexpected/s", seconds, first,
				(rs) -> rs.stream().filter((r) -> r.expected() == 0).count());
		series(throughput, "p95 ms", seconds, first, (rs) -> pct(rs.stream().map(Response::ms).toList(), 95));
		chart("throughput", throughput);
		heading(2, "3. Server errors and business rejections");
		paragraph("Server errors (5xx, timeouts) are failures; business rejections are the service saying no as "
				+ "designed (a seat already taken, too little balance, still waiting) and pass their checks.");
		table(List.of("Step", "Status", "Count", "Class"), classRows);
		table(List.of("Class", "Count"),
				classes.entrySet().stream().map((e) -> List.of(e.getKey(), fmt(e.getValue()))).toList());
		paragraph("The service's own count (Micrometer http.server.requests, this run only):");
		table(List.of("Endpoint", "Status", "Count"), serverRows);
		heading(2, "4. Queue activation");
		table(List.of("", ""), activationRows);
		chart("queue", samples(lines("ACTIVE users (max-active " + o.maxActive() + ") and DB connections in use"),
				samples, Map.of("ACTIVE", Sample::queueActive, "DB active", Sample::hikariActive)));
		heading(2, "5. Business outcomes");
		table(List.of("Outcome", "Count"), outcomes);
		heading(2, "6. Resources (sampled from Actuator every second)");
		table(List.of("Resource", "Measured"), resourceRows);
		chart("cpu", samples(lines("Service CPU (cores)"), samples,
				Map.of("process", (s) -> (s.processCpu() == null) ? null : s.processCpu() * cpus)));
		chart("heap", samples(lines("Heap (MB)"), samples,
				Map.of("used", Sample::heapUsedMb, "committed", Sample::heapCommittedMb)));
		heading(2, "7. Capacity plan for " + fmt(o.targetTps()) + " requests/s");
		table(List.of("Item", "Recommendation", "Derived from"),
				plan.rows(cpuPerRequest, rps, max(pool), max(pending)));
		paragraph("Assumptions: " + Capacity.ASSUMPTIONS);
		heading(2, "8. Integrity audit");
		this.blocks.add(new Block.Pre(
				auditTable.isEmpty() ? auditText.substring(Math.max(0, auditText.length() - 2000)) : auditTable));
		heading(2, "9. Gatling assertions");
		table(List.of("Assertion", "Held", "Actual"),
				assertions.stream().map((a) -> List.of(a[0], a[1].equals("true") ? "yes" : "NO", a[2])).toList());
		paragraph("Gatling's own report: gatling/index.html. Raw data: responses.csv, activations.csv, metrics.csv, "
				+ "server-requests.csv.");

		Files.writeString(run.resolve("report.md"), Block.markdown(this.blocks));
		Files.writeString(run.resolve("report.html"), Block.html(this.blocks));
		System.out.printf("%s: %s; %s requests, %s, 5xx %d, activation %s, audit %s%n", name,
				allMet ? "every target met" : "target(s) missed", fmt(total), fmt(rps, " req/s"), serverErrors,
				fmt(activationPct, " %"), auditOk ? "clean" : "FAILED");
		targets
			.forEach((r) -> System.out.printf("  %-4s  %s: %s (target %s)%n", r.get(3), r.get(0), r.get(1), r.get(2)));
	}

	// --- sections ---------------------------------------------------------------------

	private void heading(int level, String text) {
		this.blocks.add(new Block.Heading(level, text));
	}

	private void paragraph(String text) {
		this.blocks.add(new Block.Paragraph(text));
	}

	private void table(List<String> header, List<List<String>> rows) {
		this.blocks.add(new Block.Table(header, rows));
	}

	private void chart(String name, Chart<?, ?> chart) {
		if (chart == null || chart.getSeriesMap().isEmpty()) {
			return;
		}
		ByteArrayOutputStream svg = new ByteArrayOutputStream();
		try {
			VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsFormat.SVG);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String text = svg.toString(StandardCharsets.UTF_8);
		this.blocks.add(new Block.Svg(name, text.substring(text.indexOf("<svg"))));
	}

	private static XYChart lines(String title) {
		XYChart chart = new XYChartBuilder().width(1000).height(280).title(title).xAxisTitle("s").build();
		chart.getStyler().setLegendPosition(LegendPosition.OutsideE).setMarkerSize(0);
		return chart;
	}

	/** One point a second of the run: {@code value} of that second's responses. */
	private static void series(XYChart chart, String name, Map<Long, List<Response>> seconds, long firstMs,
			Function<List<Response>, Number> value) {
		if (!seconds.isEmpty()) {
			chart
				.addSeries(name, seconds.keySet().stream().map((s) -> s - firstMs / 1000).toList(),
						seconds.values().stream().map(value).toList())
				.setMarker(SeriesMarkers.NONE);
		}
	}

	/** One line per sampled column, its empty samples left out. */
	private static XYChart samples(XYChart chart, List<Sample> samples, Map<String, Function<Sample, Double>> lines) {
		new TreeMap<>(lines).forEach((name, column) -> {
			List<Sample> present = samples.stream().filter((s) -> column.apply(s) != null).toList();
			if (!present.isEmpty()) {
				chart
					.addSeries(name, present.stream().map(Sample::elapsedS).toList(),
							present.stream().map(column).toList())
					.setMarker(SeriesMarkers.NONE);
			}
		});
		return chart;
	}

	// --- figures ----------------------------------------------------------------------

	private static String classify(Response r) {
		boolean expected = r.expected() == 1;
		if (r.status() >= 500) {
			return SERVER_ERROR;
		}
		if (r.step().equals("reserve") && r.status() == 409) {
			return "business rejection: seat unavailable (409)";
		}
		if (r.step().equals("payment") && r.status() == 409 && expected) {
			return "business rejection: insufficient balance (409)";
		}
		if (r.status() == 403) {
			return "business rejection: still waiting (403)";
		}
		if (r.step().equals("leave") && (r.status() == 404 || r.status() == 405)) {
			return "leave call not available (404/405), counted OK";
		}
		return expected ? "success" : UNEXPECTED;
	}

	private static void target(List<List<String>> rows, String metric, String measured, String goal, Boolean passed) {
		rows.add(List.of(metric, measured, goal, (passed == null) ? "—" : passed ? "PASS" : "FAIL"));
	}

	/** Gatling's verdict on each assertion, the lines it prints at the end of a run. */
	private static List<String[]> assertions(Path log) throws IOException {
		if (!Files.exists(log)) {
			return List.of();
		}
		try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
			return lines.map(String::strip)
				.map(ASSERTION::matcher)
				.filter(Matcher::matches)
				.map((m) -> new String[] { m.group(1), m.group(2), m.group(3) })
				.toList();
		}
	}

	/** Nearest-rank percentile, as Gatling computes it. */
	private static Long pct(Collection<Long> values, double p) {
		if (values.isEmpty()) {
			return null;
		}
		List<Long> sorted = values.stream().sorted().toList();
		int rank = (int) Math.ceil(p / 100 * sorted.size()) - 1;
		return sorted.get(Math.clamp(rank, 0, sorted.size() - 1));
	}

	private static int stepRank(String step) {
		int i = STEP_ORDER.indexOf(step);
		return (i < 0) ? 99 : i;
	}

	private static List<Double> column(List<Sample> samples, Function<Sample, Double> column) {
		return samples.stream().map(column).filter(Objects::nonNull).toList();
	}

	private static Double max(List<Double> values) {
		return values.stream().max(Double::compare).orElse(null);
	}

	private static Double avg(List<Double> values) {
		return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
	}

	private static Long min(List<Long> values) {
		return values.stream().min(Long::compare).orElse(null);
	}

	private static Long maxLong(List<Long> values) {
		return values.stream().max(Long::compare).orElse(null);
	}

	private static Double delta(List<Double> values) {
		return (values.size() >= 2) ? values.getLast() - values.getFirst() : null;
	}

	private static double orZero(Double v) {
		return (v == null) ? 0 : v;
	}

	private static Double number(JsonNode node, String field) {
		return node.has(field) ? node.get(field).asDouble() : null;
	}

	static String fmt(Number v) {
		return fmt(v, "", 1);
	}

	static String fmt(Number v, String unit) {
		return fmt(v, unit, 1);
	}

	/**
	 * Whole numbers without decimals, others with {@code digits}; thousands separated.
	 */
	static String fmt(Number v, String unit, int digits) {
		if (v == null) {
			return "n/a";
		}
		double d = v.doubleValue();
		if (d == Math.rint(d)) {
			return String.format(Locale.ROOT, "%,d%s", (long) d, unit);
		}
		return String.format(Locale.ROOT, "%,." + digits + "f%s", d, unit);
	}

	private static <T> List<T> csv(Path file, Class<T> type) throws IOException {
		if (!Files.exists(file)) {
			return List.of();
		}
		CsvMapper mapper = CsvMapper.builder().enable(CsvParser.Feature.EMPTY_STRING_AS_NULL).build();
		File in = file.toFile();
		try (var rows = mapper.readerFor(type).with(CsvSchema.emptySchema().withHeader()).<T>readValues(in)) {
			return rows.readAll();
		}
	}

	/** A row of {@code responses.csv} ({@link RunSummary}). */
	@JsonPropertyOrder({ "end_ms", "step", "status", "ms", "expected" })
	record Response(@JsonProperty("end_ms") long endMs, String step, int status, long ms, int expected) {
	}

	/** A row of {@code activations.csv} ({@link RunSummary}). */
	record Activation(@JsonProperty("end_ms") long endMs, int active, @JsonProperty("waited_ms") long waitedMs) {
	}

	record Options(Map<String, String> values) {

		Path run() {
			return Path.of(this.values.get("run"));
		}

		Path audit() {
			return Path.of(this.values.getOrDefault("audit", "audit.log"));
		}

		int auditRc() {
			return Integer.parseInt(this.values.getOrDefault("audit-rc", "0"));
		}

		double targetTps() {
			return Double.parseDouble(this.values.getOrDefault("target-tps", "500"));
		}

		String heap() {
			return this.values.getOrDefault("heap", "512m");
		}

		int maxActive() {
			return Integer.parseInt(this.values.getOrDefault("max-active", "50"));
		}

		double p95Ms() {
			return Double.parseDouble(this.values.getOrDefault("p95-ms", "10"));
		}

		double seedP95Ms() {
			return Double.parseDouble(this.values.getOrDefault("seed-p95-ms", "500"));
		}

		String activeTtl() {
			return this.values.getOrDefault("active-ttl", "10m (default)");
		}

	}

}
