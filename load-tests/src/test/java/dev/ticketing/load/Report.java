package dev.ticketing.load;

import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

/**
 * Writes a run's {@code report.md}, the same as {@code report.html}, and its charts as
 * SVG files beside them, from what the simulation left in its folder: every response and
 * activation ({@link RunSummary}: every figure about requests comes from these), the
 * service's samples and request counts ({@link ServiceSampler}), Gatling's verdict on
 * each assertion as it printed it in {@code gatling.log} (Gatling writes it nowhere else)
 * and the audit's table. {@code load-tests/run.sh} runs it with
 * {@code mvn exec:java -Dexec.args="--run DIR --audit FILE --audit-rc N --target-tps N
 * --heap SIZE --max-active N --p95-ms N --seed-p95-ms N --active-ttl DUR"}.
 */
public final class Report {

	private static final List<String> STEPS = List.of("token issue", "status poll", "dates", "seats", "reserve",
			"payment", "leave");

	private static final Pattern ASSERTION = Pattern.compile("^(.*) : (true|false) \\(actual : (.*)\\)$");

	private final StringBuilder md = new StringBuilder();

	private final Path run;

	private Report(Path run) {
		this.run = run;
	}

	public static void main(String[] args) throws IOException {
		Map<String, String> o = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			o.put(args[i].substring(2), args[i + 1]);
		}
		new Report(Path.of(o.get("run"))).write(o);
	}

	private void write(Map<String, String> o) throws IOException {
		String name = this.run.getFileName().toString();
		JsonNode summary = new ObjectMapper().readTree(this.run.resolve("summary.json").toFile());
		JsonNode settings = summary.path("settings");
		List<Response> responses = csv("responses.csv", Response.class);
		List<Activation> activations = csv("activations.csv", Activation.class);
		List<Map<String, Double>> samples = csv("metrics.csv", Map.class).stream().map(Report::numbers).toList();
		List<List<String>> assertions = Files.readAllLines(this.run.resolve("gatling.log"), StandardCharsets.ISO_8859_1)
			.stream()
			.map((line) -> ASSERTION.matcher(line.strip()))
			.filter(Matcher::matches)
			.map((m) -> List.of(m.group(1), m.group(2).equals("true") ? "yes" : "NO", m.group(3)))
			.toList();
		String audit = Files.readString(Path.of(o.get("audit")))
			.lines()
			.filter((l) -> l.startsWith("|") || l.startsWith("AUDIT"))
			.collect(Collectors.joining("\n"));
		boolean auditOk = o.get("audit-rc").equals("0") && audit.contains("AUDIT PASSED");
		double maxActive = number(o, "max-active");
		double p95Target = number(o, "p95-ms");
		double seedP95 = number(o, "seed-p95-ms");
		double targetTps = number(o, "target-tps");

		// Requests: by step, by (step, status, expected), by second.
		Comparator<String> stepOrder = Comparator.comparingInt((String s) -> STEPS.contains(s) ? STEPS.indexOf(s) : 99)
			.thenComparing(Comparator.naturalOrder());
		Map<String, List<Long>> byStep = new TreeMap<>(stepOrder);
		Map<Answer, Long> statuses = new TreeMap<>(Comparator.comparing(Answer::step, stepOrder)
			.thenComparingInt(Answer::status)
			.thenComparing(Answer::expected));
		Map<Long, List<Response>> seconds = new TreeMap<>();
		for (Response r : responses) {
			byStep.computeIfAbsent(r.step(), (s) -> new ArrayList<>()).add(r.ms());
			statuses.merge(new Answer(r.step(), r.status(), r.expected() == 1), 1L, Long::sum);
			seconds.computeIfAbsent(r.endMs() / 1000, (s) -> new ArrayList<>()).add(r);
		}
		long first = responses.stream().mapToLong(Response::endMs).min().orElse(0);
		double wallS = Math.max(1.0, (responses.stream().mapToLong(Response::endMs).max().orElse(0) - first) / 1000.0);
		long total = responses.size();
		double rps = total / wallS;
		Map<String, Long> classes = new TreeMap<>();
		statuses.forEach((a, n) -> classes.merge(a.kind(), n, Long::sum));
		long serverErrors = classes.getOrDefault("server error (5xx)", 0L);
		long unexpected = classes.getOrDefault("unexpected answer", 0L);
		Double failed = assertions.stream()
			.filter((a) -> a.get(0).startsWith("Global: count of failed events"))
			.map((a) -> Double.valueOf(a.get(2)))
			.findFirst()
			.orElse(null);
		Double noResponse = (failed == null) ? null : Math.max(0, failed - serverErrors - unexpected);
		List<Long> admitted = activations.stream().filter((a) -> a.active() == 1).map(Activation::waitedMs).toList();
		Double activationPct = activations.isEmpty() ? null : 100.0 * admitted.size() / activations.size();

		// The service's samples.
		double cpus = column(samples, "cpus").stream().findFirst().orElse(1.0);
		List<Double> cores = column(samples, "process_cpu").stream().map((v) -> v * cpus).toList();
		List<Double> cpuTime = column(samples, "process_cpu_time_s");
		Double cpuPerRequest = (cpuTime.size() >= 2 && total > 0) ? (cpuTime.getLast() - cpuTime.getFirst()) / total
				: null;
		Double peakPool = max(column(samples, "hikari_active"));
		Double peakPending = max(column(samples, "hikari_pending"));
		Double peakActive = max(column(samples, "queue_active"));
		Double peakHeap = max(column(samples, "heap_used_mb"));
		Double peakNonHeap = max(column(samples, "nonheap_used_mb"));
		List<Double> systemCpu = column(samples, "system_cpu");

		// 1. Targets.
		List<List<String>> targets = new ArrayList<>();
		target(targets, "Server errors (5xx)", fmt(serverErrors), "0", serverErrors == 0);
		target(targets, "Timeouts, connection errors, failed content checks", fmt(noResponse), "0",
				(noResponse == null) ? null : noResponse == 0);
		target(targets, "Unexpected answers (neither success nor business rejection)", fmt(unexpected), "0",
				unexpected == 0);
		double failedPct = (total == 0 || failed == null) ? 0 : 100.0 * failed / total;
		target(targets, "Failed requests (seed threshold)", fmt(failedPct, " %", 2), "< 5 %", failedPct < 5);
		Long p95All = pct(responses.stream().map(Response::ms).toList(), 95);
		target(targets, "p95, all requests (seed threshold)", fmt(p95All, " ms"), "< " + fmt(seedP95) + " ms",
				p95All != null && p95All < seedP95);
		byStep.forEach((step, ms) -> {
			if (!step.equals("leave")) {
				target(targets, "p95 " + step, fmt(pct(ms, 95), " ms"), "≤ " + fmt(p95Target) + " ms",
						pct(ms, 95) <= p95Target);
			}
		});
		double activationTarget = settings.path("targetActivationPercent").asDouble(99);
		boolean seedMulti = "SeedMultiScenario".equals(summary.path("simulation").asText());
		target(targets, "Activation success within patience", fmt(activationPct, " %", 1),
				seedMulti ? "≥ " + fmt(activationTarget) + " %" : "(informational)",
				seedMulti ? activationPct != null && activationPct >= activationTarget : null);
		boolean contention = name.contains("contention");
		target(targets, "Throughput (mean over the run)", fmt(rps, " req/s"), contention ? "seed 002: 50 TPS" : "—",
				contention ? rps >= 50 : null);
		if (peakActive != null) {
			target(targets, "Most ACTIVE users seen (the service's concert.queue.active, each second)", fmt(peakActive),
					"≤ " + fmt(maxActive), peakActive <= maxActive);
		}
		target(targets, "Integrity audit", auditOk ? "clean" : "VIOLATIONS", "clean", auditOk);
		boolean allMet = targets.stream().noneMatch((r) -> r.get(3).equals("FAIL"));

		// The report.
		heading("# Load test report: " + summary.path("simulation").asText(name));
		paragraph("Run "
				+ DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
					.format(Instant.ofEpochMilli(first).atZone(ZoneId.systemDefault()))
				+ ": " + fmt(settings, "users") + " virtual users (closed model), ramp " + fmt(settings, "rampSeconds")
				+ " s, plateau " + fmt(settings, "durationSeconds") + " s, think time " + fmt(settings, "thinkMs")
				+ " ms, status poll every " + fmt(settings, "pollMs") + " ms, patience "
				+ fmt(settings, "patienceSeconds") + " s; service max-active " + fmt(maxActive) + ", active-ttl "
				+ o.get("active-ttl") + ", -Xmx" + o.get("heap") + "; " + fmt(cpus)
				+ " CPUs seen by the service (the load generator runs on the same machine). " + fmt(total)
				+ " requests in " + fmt(wallS) + " s.");
		heading("## 1. Results against the targets");
		paragraph(allMet ? "All targets met." : "Not every target was met: see the FAIL rows.");
		table(targets, "Metric", "Measured", "Target", "Result");
		heading("## 2. Latency per step (ms)");
		table(byStep.entrySet().stream().map((e) -> {
			List<Long> ms = e.getValue();
			String codes = statuses.entrySet()
				.stream()
				.filter((s) -> s.getKey().step().equals(e.getKey()))
				.map((s) -> s.getKey().status() + "×" + fmt(s.getValue()))
				.collect(Collectors.joining(", "));
			return List.of(e.getKey(), fmt(ms.size()), fmt(ms.size() / wallS), fmt(pct(ms, 0)), fmt(pct(ms, 50)),
					fmt(pct(ms, 95)), fmt(pct(ms, 99)), fmt(pct(ms, 100)),
					fmt(ms.stream().mapToLong(Long::longValue).average().orElse(0)), codes);
		}).toList(), "Step", "Requests", "req/s", "min", "p50", "p95", "p99", "max", "mean", "Statuses");
		DefaultCategoryDataset latency = new DefaultCategoryDataset();
		byStep.forEach((step, ms) -> List.of(50, 95, 99).forEach((p) -> latency.addValue(pct(ms, p), "p" + p, step)));
		chart("latency", ChartFactory.createBarChart("Latency per step: p50 / p95 / p99 (ms)", null, "ms", latency),
				latency.getRowCount());
		XYSeriesCollection throughput = new XYSeriesCollection();
		Map<String, Function<List<Response>, Number>> perSecond = Map.of("requests/s", List::size, "unexpected/s",
				(rs) -> rs.stream().filter((r) -> r.expected() == 0).count(), "p95 ms",
				(rs) -> pct(rs.stream().map(Response::ms).toList(), 95));
		new TreeMap<>(perSecond).forEach((series, f) -> {
			XYSeries line = new XYSeries(series);
			seconds.forEach((second, rs) -> line.add(second - first / 1000, f.apply(rs)));
			throughput.addSeries(line);
		});
		chart("throughput", ChartFactory.createXYLineChart("Throughput (requests/s) and p95 latency (ms) over time",
				"s", null, throughput), seconds.size());
		heading("## 3. Server errors and business rejections");
		paragraph("Server errors (5xx, timeouts) are failures; business rejections are the service saying no as "
				+ "designed (a seat already taken, too little balance, still waiting) and pass their checks.");
		table(statuses.entrySet()
			.stream()
			.map((e) -> List.of(e.getKey().step(), String.valueOf(e.getKey().status()), fmt(e.getValue()),
					e.getKey().kind()))
			.toList(), "Step", "Status", "Count", "Class");
		table(classes.entrySet().stream().map((e) -> List.of(e.getKey(), fmt(e.getValue()))).toList(), "Class",
				"Count");
		paragraph("The service's own count (Micrometer http.server.requests, this run only):");
		table(csv("server-requests.csv", Map.class).stream()
			.map((r) -> List.of(r.get("uri").toString(), r.get("status").toString(),
					fmt(Double.valueOf(r.get("count").toString()))))
			.sorted(Comparator.comparing((List<String> r) -> r.get(0)).thenComparing((r) -> r.get(1)))
			.toList(), "Endpoint", "Status", "Count");
		heading("## 4. Queue activation");
		table(List.of(List.of("users who waited", fmt(activations.size())),
				List.of("became ACTIVE", fmt(admitted.size())),
				List.of("gave up after the patience", fmt(activations.size() - admitted.size())),
				List.of("success", fmt(activationPct, " %", 1)),
				List.of("wait of those admitted, p50 / p95 / p99 / max",
						fmt(pct(admitted, 50), " ms") + " / " + fmt(pct(admitted, 95), " ms") + " / "
								+ fmt(pct(admitted, 99), " ms") + " / " + fmt(pct(admitted, 100), " ms")),
				List.of("patience", fmt(settings, "patienceSeconds") + " s")), "", "");
		chart("queue", "ACTIVE users (max-active " + fmt(maxActive) + ") and DB connections in use", samples,
				Map.of("ACTIVE", "queue_active", "DB active", "hikari_active"), 1);
		heading("## 5. Business outcomes");
		List<List<String>> outcomes = new ArrayList<>();
		summary.path("outcomes")
			.properties()
			.forEach((e) -> outcomes.add(List.of(e.getKey(), fmt(e.getValue().asLong()))));
		table(outcomes, "Outcome", "Count");
		heading("## 6. Resources (sampled from Actuator every second)");
		table(List.of(
				List.of("Machine CPU, all processes (the load generator, databases and anything else running)",
						"mean " + fmt(orZero(avg(systemCpu)) * 100, " %") + ", peak "
								+ fmt(orZero(max(systemCpu)) * 100, " %")),
				List.of("Service CPU (cores of " + fmt(cpus) + ")",
						"mean " + fmt(avg(cores), "", 2) + ", peak " + fmt(max(cores), "", 2)),
				List.of("CPU per request", fmt((cpuPerRequest == null) ? null : cpuPerRequest * 1000, " ms", 3)),
				List.of("Heap used",
						"peak " + fmt(peakHeap, " MB") + ", mean " + fmt(avg(column(samples, "heap_used_mb")), " MB")
								+ " (limit -Xmx" + o.get("heap") + ")"),
				List.of("Non-heap used", "peak " + fmt(peakNonHeap, " MB")),
				List.of("GC pauses",
						fmt(delta(column(samples, "gc_pauses"))) + " pauses, "
								+ fmt(orZero(delta(column(samples, "gc_pause_total_s"))) * 1000, " ms")
								+ " in all, longest " + fmt(max(column(samples, "gc_pause_max_ms")), " ms")),
				List.of("DB pool (HikariCP) active",
						"peak " + fmt(peakPool) + ", waiting for a connection: peak " + fmt(peakPending)),
				List.of("Live threads", "peak " + fmt(max(column(samples, "threads"))))), "Resource", "Measured");
		chart("cpu", "Service CPU (cores)", samples, Map.of("process", "process_cpu"), cpus);
		chart("heap", "Heap (MB)", samples, Map.of("used", "heap_used_mb", "committed", "heap_committed_mb"), 1);
		heading("## 7. Capacity plan for " + fmt(targetTps) + " requests/s");
		Capacity plan = Capacity.of(cpuPerRequest, rps, peakHeap, peakNonHeap, peakPool, targetTps);
		table(plan.rows(cpuPerRequest, rps, peakPool, peakPending), "Item", "Recommendation", "Derived from");
		paragraph("Assumptions: " + Capacity.ASSUMPTIONS);
		heading("## 8. Integrity audit");
		this.md.append("```\n").append(audit).append("\n```\n\n");
		heading("## 9. Gatling assertions");
		table(assertions, "Assertion", "Held", "Actual");
		paragraph("Gatling's own report: gatling/index.html. Raw data: responses.csv, activations.csv, metrics.csv, "
				+ "server-requests.csv.");

		Files.writeString(this.run.resolve("report.md"), this.md);
		Parser markdown = Parser.builder().extensions(List.of(TablesExtension.create())).build();
		Files.writeString(this.run.resolve("report.html"),
				"<!doctype html><html><head><meta charset='utf-8'>"
						+ "<title>Load test report</title><style>body{font:14px system-ui,sans-serif;max-width:1100px;"
						+ "margin:2em auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
						+ "padding:3px 8px;text-align:left}pre{background:#f6f6f6;padding:.8em}</style></head><body>\n"
						+ HtmlRenderer.builder()
							.extensions(List.of(TablesExtension.create()))
							.build()
							.render(markdown.parse(this.md.toString()))
						+ "</body></html>\n");
		System.out.printf("%s: %s; %s requests, %s, 5xx %d, activation %s, audit %s%n", name,
				allMet ? "every target met" : "target(s) missed", fmt(total), fmt(rps, " req/s"), serverErrors,
				fmt(activationPct, " %"), auditOk ? "clean" : "FAILED");
		targets
			.forEach((r) -> System.out.printf("  %-4s  %s: %s (target %s)%n", r.get(3), r.get(0), r.get(1), r.get(2)));
	}

	private void heading(String text) {
		this.md.append(text).append("\n\n");
	}

	private void paragraph(String text) {
		this.md.append(text).append("\n\n");
	}

	private void table(List<List<String>> rows, String... header) {
		if (rows.isEmpty()) {
			this.md.append("(none)\n\n");
			return;
		}
		this.md.append(row(List.of(header))).append("|---".repeat(header.length)).append("|\n");
		rows.forEach((r) -> this.md.append(row(r)));
		this.md.append('\n');
	}

	private static String row(List<String> cells) {
		return cells.stream().map((c) -> c.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |\n"));
	}

	/**
	 * Writes the chart beside the report as {@code NAME.svg} and shows it there (if it
	 * has data).
	 */
	private void chart(String name, JFreeChart chart, int points) throws IOException {
		if (points > 0) {
			chart.getPlot().setBackgroundPaint(Color.WHITE);
			SVGGraphics2D svg = new SVGGraphics2D(1000, 300);
			chart.draw(svg, new Rectangle(1000, 300));
			SVGUtils.writeToSVG(this.run.resolve(name + ".svg").toFile(), svg.getSVGElement());
			this.md.append("![").append(chart.getTitle().getText()).append("](").append(name).append(".svg)\n\n");
		}
	}

	/** A line chart of sampled columns (times {@code scale}) over the run's seconds. */
	private void chart(String name, String title, List<Map<String, Double>> samples, Map<String, String> lines,
			double scale) throws IOException {
		XYSeriesCollection data = new XYSeriesCollection();
		new TreeMap<>(lines).forEach((series, column) -> {
			XYSeries line = new XYSeries(series);
			samples.stream()
				.filter((s) -> s.get(column) != null)
				.forEach((s) -> line.add(s.get("elapsed_s"), (Double) (s.get(column) * scale)));
			data.addSeries(line);
		});
		chart(name, ChartFactory.createXYLineChart(title, "s", null, data),
				data.getSeries().stream().mapToInt((s) -> ((XYSeries) s).getItemCount()).sum());
	}

	private static void target(List<List<String>> rows, String metric, String measured, String goal, Boolean passed) {
		rows.add(List.of(metric, measured, goal, (passed == null) ? "—" : passed ? "PASS" : "FAIL"));
	}

	/** Nearest-rank percentile, as Gatling computes it (0: the least, 100: the most). */
	private static Long pct(List<Long> values, double p) {
		if (values.isEmpty()) {
			return null;
		}
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(Math.clamp((int) Math.ceil(p / 100 * sorted.size()) - 1, 0, sorted.size() - 1));
	}

	private static List<Double> column(List<Map<String, Double>> samples, String column) {
		return samples.stream().map((s) -> s.get(column)).filter(Objects::nonNull).toList();
	}

	private static Map<String, Double> numbers(Map<?, ?> row) {
		Map<String, Double> numbers = new HashMap<>();
		row.forEach((k, v) -> numbers.put(k.toString(), v.toString().isEmpty() ? null : Double.valueOf(v.toString())));
		return numbers;
	}

	private static Double max(List<Double> values) {
		return values.stream().max(Double::compare).orElse(null);
	}

	private static Double avg(List<Double> values) {
		return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
	}

	private static Double delta(List<Double> values) {
		return (values.size() >= 2) ? values.getLast() - values.getFirst() : null;
	}

	private static double orZero(Double v) {
		return (v == null) ? 0 : v;
	}

	private static double number(Map<String, String> options, String name) {
		return Double.parseDouble(options.get(name));
	}

	private static String fmt(JsonNode node, String field) {
		return node.has(field) ? fmt(node.get(field).asDouble()) : "n/a";
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
		return (d == Math.rint(d)) ? String.format(Locale.ROOT, "%,d%s", (long) d, unit)
				: String.format(Locale.ROOT, "%,." + digits + "f%s", d, unit);
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private <T> List<T> csv(String file, Class<T> type) throws IOException {
		Path path = this.run.resolve(file);
		if (!Files.exists(path)) {
			return List.of();
		}
		try (var rows = new CsvMapper().readerFor(type)
			.with(CsvSchema.emptySchema().withHeader())
			.<T>readValues(path.toFile())) {
			return rows.readAll();
		}
	}

	/** A row of {@code responses.csv}. */
	record Response(@JsonProperty("end_ms") long endMs, String step, int status, long ms, int expected) {
	}

	/** The responses of one step with one status, expected or not. */
	record Answer(String step, int status, boolean expected) {

		/** A server error, a business rejection, a success or an unexpected answer. */
		String kind() {
			if (this.status >= 500) {
				return "server error (5xx)";
			}
			if (this.step.equals("reserve") && this.status == 409) {
				return "business rejection: seat unavailable (409)";
			}
			if (this.step.equals("payment") && this.status == 409 && this.expected) {
				return "business rejection: insufficient balance (409)";
			}
			if (this.status == 403) {
				return "business rejection: still waiting (403)";
			}
			if (this.step.equals("leave") && (this.status == 404 || this.status == 405)) {
				return "leave call not available (404/405), counted OK";
			}
			return this.expected ? "success" : "unexpected answer";
		}

	}

	/** A row of {@code activations.csv}. */
	record Activation(@JsonProperty("end_ms") long endMs, int active, @JsonProperty("waited_ms") long waitedMs) {
	}

}
