package dev.ticketing.queue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The client side of {@code bench/queue-line.sh} (which starts Redis, two instances and a
 * line of a million, and passes what it started as {@code -Dqueue.line.*}): an opening
 * burst of joins through both instances, a quiet baseline, every joined fan polling every
 * 5 s, then status streams on one instance. Prints Redis commands and CPU per phase (from
 * INFO commandstats and INFO cpu, commands run by scripts included), and the instances'
 * server-side p95 of join and status (from their Prometheus histograms). A benchmark, not
 * a test: it prints figures and asserts nothing about time.
 */
@Tag("benchmark")
class QueueLineBenchmark {

	static final Pattern BUCKET = Pattern.compile("^http_server_requests_seconds_bucket\\{(.*)\\} ([0-9.eE+]+)$");

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	final JsonMapper json = JsonMapper.builder().build();

	final List<String> apps = List.of(System.getProperty("queue.line.apps").split(","));

	final List<String> management = List.of(System.getProperty("queue.line.management").split(","));

	final String concert = System.getProperty("queue.line.concert");

	final int pollSeconds = Integer.getInteger("queue.line.poll-seconds", 60);

	final int streams = Integer.getInteger("queue.line.streams", 20_000);

	/**
	 * What the status channels are: {@code sse}, event streams, or {@code ws}, WebSockets
	 * that send their token first.
	 */
	final String streamKind = System.getProperty("queue.line.stream-kind", "sse");

	final List<Integer> streamSteps = Arrays.stream(System.getProperty("queue.line.stream-steps", "1000").split(","))
		.map(String::trim)
		.map(Integer::valueOf)
		.toList();

	StringRedisTemplate redis;

	@Test
	void aWaitingFanCostsRedisAlmostNothing() throws Exception {
		LettuceConnectionFactory connection = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", Integer.getInteger("queue.line.redis-port", 6400)));
		connection.afterPropertiesSet();
		connection.start();
		this.redis = new StringRedisTemplate(connection);
		try {
			run();
		}
		finally {
			connection.destroy();
		}
	}

	private void run() throws Exception {
		List<String> users = Files.readAllLines(Path.of(System.getProperty("queue.line.users")))
			.stream()
			.filter((line) -> !line.isBlank())
			.toList();
		seed(Integer.getInteger("queue.line.silent", 0));
		long lineBefore = waiting();

		Redis joinStart = Redis.read(this.redis);
		long started = System.nanoTime();
		List<String> tokens = join(users);
		double joinSeconds = (System.nanoTime() - started) / 1e9;
		Redis joinEnd = Redis.read(this.redis);
		System.out.printf("%nQUEUE LINE%nline before the burst: %,d waiting; after: %,d%n", lineBefore, waiting());
		System.out.printf("joins: %,d in %.1f s (%,.0f/s, 200 at once, both instances): %.1f Redis commands per join%n",
				tokens.size(), joinSeconds, tokens.size() / joinSeconds,
				(joinEnd.commands - joinStart.commands) / (double) tokens.size());

		// Every fan once, then a quiet baseline, then a round of polls every 5 s
		// unmeasured,
		// so both instances follow the line again when the measurement begins.
		pollAll(tokens, 1, 0);
		Redis quietStart = Redis.read(this.redis);
		Thread.sleep(10_000);
		Redis quietEnd = Redis.read(this.redis);
		double quietRate = quietEnd.commandsPerSecond(quietStart);
		System.out.printf("quiet (nobody calls, timers only, 10 s): %.0f Redis commands/s%n", quietRate);
		pollAll(tokens, 1, 5);

		Redis pollStart = Redis.read(this.redis);
		Map<String, Double> answersBefore = answers();
		long[] polls = pollAll(tokens, this.pollSeconds / 5, 5);
		Redis pollEnd = Redis.read(this.redis);
		Map<String, Double> answersAfter = answers();
		double fromMemory = answersAfter.getOrDefault("memory", 0.0) - answersBefore.getOrDefault("memory", 0.0);
		double fromStore = answersAfter.getOrDefault("store", 0.0) - answersBefore.getOrDefault("store", 0.0);
		double seconds = (pollEnd.at - pollStart.at) / 1e9;
		long commands = pollEnd.commands - pollStart.commands;
		System.out.printf(
				"polls: %,d fans polling every 5 s for %.0f s, %,d polls (%,.0f/s; %,d not 200), %,d still WAITING at the end%n",
				tokens.size(), seconds, polls[0], polls[0] / seconds, polls[1], polls[2]);
		System.out.printf("  answered from the instances' reading of the line: %,.0f; by Redis: %,.0f (%.2f %%)%n",
				fromMemory, fromStore, 100 * fromStore / Math.max(1, fromMemory + fromStore));
		System.out.printf("  Redis: %,d commands (%.0f/s, quiet %.0f/s): %.4f per poll, %.4f per poll above quiet%n",
				commands, commands / seconds, quietRate, commands / (double) polls[0],
				(commands - quietRate * seconds) / polls[0]);
		double cpu = pollEnd.cpuSecondsPerSecond(pollStart);
		System.out.printf(
				"  Redis CPU: %.1f %% of a core; per 1,000 polling fans %.3f %%; per 1,000 fans in line %.5f %%%n",
				100 * cpu, 100 * cpu / (tokens.size() / 1000.0), 100 * cpu / (waiting() / 1000.0));
		System.out.printf("  top commands: %s%n", pollEnd.top(pollStart, 8));

		streams(tokens);
		System.out.printf("server p95 (all instances, the whole run): join %s, status %s%n",
				p95("POST", "/api/v1/queue/concerts/{concertId}/users/{userId}"),
				p95("GET", "/api/v1/queue/concerts/{concertId}"));
	}

	/**
	 * Puts {@code count} silent fans in the line through the benchmark's bulk path
	 * ({@code bench/queue-seed.lua}, 10,000 a call) just before the burst, marked here
	 * and alive as a crowd at the opening is; prints Redis bytes per waiting fan.
	 */
	private void seed(int count) throws IOException {
		if (count == 0) {
			return;
		}
		RedisScript<Long> script = RedisScript
			.of(Files.readString(Path.of(System.getProperty("queue.line.seed-script"))), Long.class);
		long grace = Long.getLong("queue.line.grace-ms", 1_800_000);
		long presence = Long.getLong("queue.line.presence-ms", 5_000);
		long now = System.currentTimeMillis();
		List<String> keys = List.of(key("waiting"), key("meta"), key("seq"), key("hist"),
				key("seen:" + now / (grace / 4)), key("seen:p" + now / (presence / 2)));
		long before = usedMemory();
		long started = System.nanoTime();
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String gen = Long.toString(random.nextLong(1, 1L << 25));
		String salt = Long.toString(random.nextLong());
		for (int seeded = 0; seeded < count; seeded += 10_000) {
			this.redis.execute(script, keys, Integer.toString(Math.min(10_000, count - seeded)),
					Long.toString(grace + grace / 2), gen, salt, Long.toString(2 * presence));
		}
		// Here now, however long the seeding took: the first admissions go to the front.
		String here = key("seen:p" + System.currentTimeMillis() / (presence / 2));
		this.redis.execute(
				RedisScript.of("redis.call('SETRANGE', KEYS[1], 0, string.rep('\\255', ARGV[1]))"
						+ " redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1", Long.class),
				List.of(here), Integer.toString(count / 8 + 1), Long.toString(2 * presence));
		System.out.printf(
				"%nSEEDED %,d silent fans in %.1f s through the bulk path: %.0f Redis bytes per waiting fan"
						+ " (INFO used_memory delta: the line, its histogram, its marks)%n",
				count, (System.nanoTime() - started) / 1e9, (usedMemory() - before) / (double) count);
	}

	private long usedMemory() {
		Properties memory = this.redis.execute((RedisCallback<Properties>) (c) -> c.serverCommands().info("memory"));
		return Long.parseLong(memory.getProperty("used_memory"));
	}

	private String key(String part) {
		return System.getProperty("queue.line.prefix", "qbench:") + "queue:{" + this.concert + "}:" + part;
	}

	/** Each user joins through one of the instances in turn, 200 at once. */
	private List<String> join(List<String> users) throws Exception {
		String[] tokens = new String[users.size()];
		Semaphore inFlight = new Semaphore(200);
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < users.size(); i++) {
				int n = i;
				inFlight.acquire();
				pool.submit(() -> {
					try {
						HttpResponse<String> response = send(HttpRequest
							.newBuilder(URI
								.create(app(n) + "/api/v1/queue/concerts/" + this.concert + "/users/" + users.get(n)))
							.POST(HttpRequest.BodyPublishers.noBody()));
						if (response.statusCode() == 201) {
							tokens[n] = this.json.readTree(response.body()).get("tokenId").asString();
						}
					}
					finally {
						inFlight.release();
					}
					return null;
				});
			}
		}
		return Arrays.stream(tokens).filter((t) -> t != null).toList();
	}

	/**
	 * {@code rounds} polls of every token, each fan every {@code every} seconds at its
	 * own offset (0: as fast as 200 at once go), through the instances in turn. Counts
	 * polls, answers other than 200, and fans WAITING at the last poll.
	 */
	private long[] pollAll(List<String> tokens, int rounds, int every) throws Exception {
		AtomicLong done = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong waiting = new AtomicLong();
		Semaphore inFlight = new Semaphore(500);
		// A fan told ACTIVE leaves the waiting page for the booking path and polls no
		// more.
		boolean[] admitted = new boolean[tokens.size()];
		long start = System.nanoTime();
		try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < tokens.size(); i++) {
					long due = start + TimeUnit.SECONDS.toNanos(every) * round
							+ TimeUnit.SECONDS.toNanos(every) * i / tokens.size();
					long ahead = due - System.nanoTime();
					if (ahead > 0) {
						TimeUnit.NANOSECONDS.sleep(ahead);
					}
					int n = i;
					boolean last = round == rounds - 1;
					if (admitted[n]) {
						continue;
					}
					inFlight.acquire();
					pool.submit(() -> {
						try {
							HttpResponse<String> response = send(HttpRequest
								.newBuilder(URI.create(app(n) + "/api/v1/queue/concerts/" + this.concert))
								.header("Authorization", "Bearer " + tokens.get(n))
								.GET());
							done.incrementAndGet();
							if (response.statusCode() != 200) {
								failed.incrementAndGet();
							}
							else if (response.body().contains("\"ACTIVE\"")) {
								admitted[n] = true;
							}
							else if (last && response.body().contains("\"WAITING\"")) {
								waiting.incrementAndGet();
							}
						}
						finally {
							inFlight.release();
						}
						return null;
					});
				}
			}
		}
		return new long[] { done.get(), failed.get(), waiting.get() };
	}

	/**
	 * Opens status streams on the first instance, in {@link #streamSteps} up to
	 * {@link #streams}, and measures Redis commands/s with each number open and nobody
	 * polling, and the instance's heap after a full GC and its resident memory, with none
	 * open first: what a stream holds is the difference over the number open.
	 */
	private void streams(List<String> tokens) throws Exception {
		List<Channel> open = new ArrayList<>();
		int total = Math.min(this.streams, tokens.size() * 2);
		Memory none = memory(0);
		System.out.printf("streams (%s): none open: %s%n", this.streamKind, none);
		List<Integer> targets = new ArrayList<>(this.streamSteps.stream().filter((step) -> step < total).toList());
		targets.add(total);
		for (int target : targets) {
			while (open.size() < target) {
				// From the back of the line: waiting fans, not the first admitted.
				String token = tokens.get(tokens.size() - 1 - open.size() % tokens.size());
				open.add("ws".equals(this.streamKind) ? webSocket(token) : eventStream(token));
				if (open.size() % 500 == 0) {
					// Let the instance accept them at its pace rather than all at once.
					Thread.sleep(50);
				}
			}
			// One deadline for all: a channel the instance could not take is counted as
			// not open, without a wait of its own.
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
			long ok = 0;
			for (Channel channel : open) {
				try {
					long left = Math.max(1, deadline - System.nanoTime());
					if (channel.opened().get(left, TimeUnit.NANOSECONDS)) {
						ok++;
					}
				}
				catch (Exception ex) {
					// Counted as not open.
				}
			}
			Thread.sleep(2_000);
			Redis before = Redis.read(this.redis);
			Thread.sleep(15_000);
			Redis after = Redis.read(this.redis);
			Memory memory = memory(target);
			System.out.printf(
					"streams (%s): %,d open on one instance (%,d asked), nobody polling: %.0f Redis commands/s; %s%n",
					this.streamKind, ok, target, after.commandsPerSecond(before), memory);
			if (memory.heapKb > 0 && ok > 0) {
				System.out.printf(
						"  per stream over none open: heap %.1f KB (%,d streams in 512 MB at that rate), resident %.1f KB%n",
						(memory.heapKb - none.heapKb) / (double) ok,
						(512 * 1024 - none.heapKb) * ok / Math.max(1, memory.heapKb - none.heapKb),
						(memory.rssKb - none.rssKb) / (double) ok);
			}
		}
		open.forEach(Channel::close);
	}

	/** An open status channel of either kind: open once its first status came. */
	private record Channel(CompletableFuture<Boolean> opened, Runnable closing) {

		void close() {
			this.closing.run();
		}

	}

	private Channel eventStream(String token) {
		CompletableFuture<HttpResponse<Stream<String>>> response = this.http.sendAsync(HttpRequest
			.newBuilder(URI.create(this.apps.get(0) + "/api/v1/queue/concerts/" + this.concert + "/stream"))
			.header("Authorization", "Bearer " + token)
			.header("Accept", "text/event-stream")
			.build(), HttpResponse.BodyHandlers.ofLines());
		return new Channel(response.thenApply((stream) -> stream.statusCode() == 200), () -> {
			response.thenAccept((stream) -> stream.body().close());
			response.cancel(true);
		});
	}

	/**
	 * The WebSocket channel: the token as the first message, open at the first status.
	 */
	private Channel webSocket(String token) {
		CompletableFuture<Boolean> opened = new CompletableFuture<>();
		CompletableFuture<WebSocket> socket = this.http.newWebSocketBuilder()
			.buildAsync(URI
				.create(this.apps.get(0).replace("http:", "ws:") + "/api/v1/queue/concerts/" + this.concert + "/live"),
					new WebSocket.Listener() {

						@Override
						public void onOpen(WebSocket webSocket) {
							webSocket.sendText(token, true);
							webSocket.request(1);
						}

						@Override
						public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
							opened.complete(true);
							webSocket.request(1);
							return null;
						}

						@Override
						public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
							opened.complete(false);
							return null;
						}

						@Override
						public void onError(WebSocket webSocket, Throwable error) {
							opened.complete(false);
						}

					});
		socket.whenComplete((webSocket, failure) -> {
			if (failure != null) {
				opened.complete(false);
			}
		});
		return new Channel(opened, () -> socket.thenAccept((webSocket) -> webSocket.abort()));
	}

	/**
	 * The first instance's heap after a full GC (jcmd) and its resident set (VmRSS), when
	 * its pid is known; its class histogram goes to {@code heap-histogram-N.txt}.
	 */
	private Memory memory(int streams) throws IOException, InterruptedException {
		String pid = System.getProperty("queue.line.pid");
		if (pid == null) {
			return new Memory(0, 0);
		}
		String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
		new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start().waitFor();
		String out = System.getProperty("queue.line.out");
		if (out != null) {
			// What the heap holds, for reading after the run.
			new ProcessBuilder(jcmd, pid, "GC.class_histogram").redirectErrorStream(true)
				.redirectOutput(Path.of(out, "heap-histogram-" + streams + ".txt").toFile())
				.start()
				.waitFor();
		}
		Process info = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
		String text = new String(info.getInputStream().readAllBytes());
		info.waitFor();
		Matcher used = Pattern.compile("used (\\d+)K").matcher(text);
		long heapKb = used.find() ? Long.parseLong(used.group(1)) : 0;
		Matcher rss = Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc", pid, "status")));
		return new Memory(heapKb, rss.find() ? Long.parseLong(rss.group(1)) : 0);
	}

	record Memory(long heapKb, long rssKb) {

		@Override
		public String toString() {
			return String.format("heap after a full GC %,d MB used, resident %,d MB", this.heapKb / 1024,
					this.rssKb / 1024);
		}

	}

	/** The instances' status answers so far, by where they came from, summed. */
	private Map<String, Double> answers() throws Exception {
		Pattern answer = Pattern.compile("^concert_queue_status_answers_total\\{.*from=\"(\\w+)\".*\\} ([0-9.eE+]+)$");
		Map<String, Double> answers = new LinkedHashMap<>();
		for (String base : this.management) {
			for (String line : prometheus(base)) {
				Matcher m = answer.matcher(line);
				if (m.matches()) {
					answers.merge(m.group(1), Double.parseDouble(m.group(2)), Double::sum);
				}
			}
		}
		return answers;
	}

	private List<String> prometheus(String base) throws Exception {
		return List
			.of(send(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).GET()).body().split("\n"));
	}

	/**
	 * The p95 of one endpoint over all instances, from the Prometheus histogram's
	 * cumulative buckets: the smallest bucket bound holding 95 % of the calls.
	 */
	private String p95(String method, String uri) throws Exception {
		Map<Double, Double> buckets = new LinkedHashMap<>();
		for (String base : this.management) {
			for (String line : prometheus(base)) {
				Matcher m = BUCKET.matcher(line);
				if (m.matches() && m.group(1).contains("method=\"" + method + "\"")
						&& m.group(1).contains("uri=\"" + uri + "\"") && m.group(1).contains("status=\"2")) {
					Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(m.group(1));
					if (le.find()) {
						buckets.merge(Double.parseDouble(le.group(1).replace("+Inf", "Infinity")),
								Double.parseDouble(m.group(2)), Double::sum);
					}
				}
			}
		}
		double all = buckets.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
		return buckets.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.filter((e) -> e.getValue() >= 0.95 * all)
			.findFirst()
			.map((e) -> String.format("≤ %.1f ms (%,.0f calls)", e.getKey() * 1000, all))
			.orElse("n/a");
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private String app(int fan) {
		return this.apps.get(fan % this.apps.size());
	}

	private long waiting() {
		Long count = this.redis.opsForZSet().zCard(key("waiting"));
		return (count != null) ? count : 0;
	}

	/** Redis's own counts at one moment: every command, scripts' included, and CPU. */
	record Redis(long at, long commands, double cpuSeconds, Map<String, Long> perCommand) {

		static Redis read(StringRedisTemplate redis) {
			Properties stats = redis
				.execute((RedisCallback<Properties>) (c) -> c.serverCommands().info("commandstats"));
			Properties cpu = redis.execute((RedisCallback<Properties>) (c) -> c.serverCommands().info("cpu"));
			Map<String, Long> perCommand = new LinkedHashMap<>();
			stats.forEach((name, value) -> {
				Matcher calls = Pattern.compile("calls=(\\d+)").matcher(value.toString());
				if (calls.find()) {
					perCommand.put(name.toString().replace("cmdstat_", ""), Long.parseLong(calls.group(1)));
				}
			});
			long commands = perCommand.values().stream().mapToLong(Long::longValue).sum();
			double cpuSeconds = Double.parseDouble(cpu.getProperty("used_cpu_sys"))
					+ Double.parseDouble(cpu.getProperty("used_cpu_user"));
			return new Redis(System.nanoTime(), commands, cpuSeconds, perCommand);
		}

		double commandsPerSecond(Redis before) {
			return (this.commands - before.commands) / ((this.at - before.at) / 1e9);
		}

		double cpuSecondsPerSecond(Redis before) {
			return (this.cpuSeconds - before.cpuSeconds) / ((this.at - before.at) / 1e9);
		}

		String top(Redis before, int count) {
			return this.perCommand.entrySet()
				.stream()
				.map((e) -> Map.entry(e.getKey(), e.getValue() - before.perCommand.getOrDefault(e.getKey(), 0L)))
				.filter((e) -> e.getValue() > 0)
				.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
				.limit(count)
				.map((e) -> e.getKey() + "=" + e.getValue())
				.toList()
				.toString();
		}

	}

}
