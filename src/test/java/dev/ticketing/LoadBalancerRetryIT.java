package dev.ticketing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticketing.support.LocalDeploy;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HAProxy with the configuration of deploy/local/instances.sh in front of two stand-ins:
 * one instance that closes every connection once it has read a request's headers,
 * answering nothing (as an instance that stops under a request it had not read yet), and
 * one that answers. A fan's POST whose body reaches HAProxy after its headers, on a
 * connection that already carried a request, is sent again to the instance that answers:
 * HAProxy waits for the whole request before it picks an instance, so it still holds the
 * request to send again. Without that, HAProxy forwards the headers at once, can no
 * longer send the request again, and closes the fan's connection without a word (a hold
 * failed twice so in CI, while an instance drained).
 */
class LoadBalancerRetryIT {

	static final int FRONT_PORT = 5012;

	static final int API_BASE_PORT = 23812;

	static final int MANAGEMENT_BASE_PORT = 23815;

	static final int POSTS = 20;

	/** Released by either stand-in when it has read a request's headers. */
	static final Semaphore headersArrived = new Semaphore(0);

	static final AtomicInteger closed = new AtomicInteger();

	static final List<AutoCloseable> standIns = new ArrayList<>();

	static Path dir;

	static Process haproxy;

	@BeforeAll
	static void start() throws Exception {
		LocalDeploy.requireTools("haproxy");
		dir = Files.createTempDirectory("balancer-retry");
		ServerSocket closing = new ServerSocket(API_BASE_PORT, 50, InetAddress.getLoopbackAddress());
		standIns.add(closing);
		Thread.ofVirtual().start(() -> closeEachAfterItsHeaders(closing));
		standIns.add(answering(API_BASE_PORT + 1, true));
		standIns.add(answering(MANAGEMENT_BASE_PORT, false));
		standIns.add(answering(MANAGEMENT_BASE_PORT + 1, false));
		String config = LocalDeploy.run("instances.sh", "haproxy-config", dir,
				Map.of("INSTANCES", "2", "INSTANCES_FRONT_PORT", Integer.toString(FRONT_PORT), "INSTANCES_STATS_PORT",
						Integer.toString(FRONT_PORT + 1), "INSTANCES_BASE_PORT", Integer.toString(API_BASE_PORT),
						"INSTANCES_MANAGEMENT_BASE_PORT", Integer.toString(MANAGEMENT_BASE_PORT)));
		Path file = dir.resolve("haproxy.cfg");
		Files.writeString(file, config);
		haproxy = new ProcessBuilder("haproxy", "-db", "-f", file.toString()).redirectErrorStream(true)
			.redirectOutput(dir.resolve("haproxy.log").toFile())
			.start();
		HttpClient client = HttpClient.newHttpClient();
		URI stats = URI.create("http://127.0.0.1:" + (FRONT_PORT + 1) + "/;csv");
		Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
			String csv = client.send(HttpRequest.newBuilder(stats).build(), HttpResponse.BodyHandlers.ofString())
				.body();
			return csv.lines()
				.filter((line) -> line.startsWith("instances,app"))
				.filter((line) -> line.contains(",UP,"))
				.count() == 2;
		});
	}

	@AfterAll
	static void stop() throws Exception {
		try {
			if (haproxy != null) {
				haproxy.destroy();
				haproxy.waitFor(10, TimeUnit.SECONDS);
			}
			for (AutoCloseable standIn : standIns) {
				standIn.close();
			}
		}
		finally {
			if (dir != null) {
				FileSystemUtils.deleteRecursively(dir);
			}
		}
	}

	@Test
	void aPostWhoseBodyArrivesAfterItsHeadersIsSentAgainToAnotherInstanceWhenOneClosesUnderIt() throws Exception {
		try (Socket fan = new Socket(InetAddress.getLoopbackAddress(), FRONT_PORT)) {
			fan.setTcpNoDelay(true);
			fan.setSoTimeout(30_000);
			OutputStream out = fan.getOutputStream();
			InputStream in = fan.getInputStream();
			// A first request on the connection: HAProxy answers a later one that fails
			// without retry by closing the connection, as a server closes a kept-alive
			// one.
			out.write(("GET /api/v1/concerts HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(statusLine(in)).startsWith("HTTP/1.1 200");
			List<String> answers = new ArrayList<>();
			for (int i = 0; i < POSTS; i++) {
				headersArrived.drainPermits();
				byte[] body = "{\"concertDateId\":1}".getBytes(StandardCharsets.US_ASCII);
				out.write(("POST /api/v1/reservations/seats/" + i + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
						+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				// The body follows once an instance has the headers, so HAProxy has
				// forwarded them if it does not wait for the whole request; when it does
				// wait, no instance gets them, and the body follows a moment later.
				headersArrived.tryAcquire(200, TimeUnit.MILLISECONDS);
				try {
					out.write(body);
					out.flush();
					answers.add(statusLine(in));
				}
				catch (IOException ex) {
					answers.add("(closed: " + ex.getMessage() + ")");
					break;
				}
			}
			System.out.println("HAProxy's log:\n" + LocalDeploy.haproxyLog(dir));
			assertThat(closed.get()).as("the closing instance was sent requests").isPositive();
			assertThat(answers).as("every POST answered by the instance that answers")
				.hasSize(POSTS)
				.allSatisfy((answer) -> assertThat(answer).startsWith("HTTP/1.1 200"));
		}
	}

	/**
	 * The status line of the next answer on the connection, its headers and body read
	 * past; "(closed)" when the connection ended first.
	 */
	private static String statusLine(InputStream in) throws IOException {
		String head = readHead(in);
		if (head == null) {
			return "(closed)";
		}
		int length = head.lines()
			.filter((line) -> line.toLowerCase().startsWith("content-length:"))
			.map((line) -> Integer.parseInt(line.substring(line.indexOf(':') + 1).trim()))
			.findFirst()
			.orElse(0);
		in.readNBytes(length);
		return head.lines().findFirst().orElse("");
	}

	/** A message's start line and headers, or null when the connection ended first. */
	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (true) {
			int next = in.read();
			if (next < 0) {
				return null;
			}
			head.write(next);
			String text = head.toString(StandardCharsets.US_ASCII);
			if (text.endsWith("\r\n\r\n")) {
				return text;
			}
		}
	}

	private static void closeEachAfterItsHeaders(ServerSocket server) {
		while (!server.isClosed()) {
			try (Socket connection = server.accept()) {
				if (readHead(connection.getInputStream()) != null) {
					closed.incrementAndGet();
					headersArrived.release();
				}
			}
			catch (IOException ex) {
				// closed by the test's end, or a connection HAProxy gave up on
			}
		}
	}

	/**
	 * A stand-in that answers every request 200, after reading it whole; the API one says
	 * so when it has a request's headers.
	 */
	private static AutoCloseable answering(int port, boolean signalsHeaders) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/", (exchange) -> {
			if (signalsHeaders) {
				headersArrived.release();
			}
			exchange.getRequestBody().readAllBytes();
			byte[] ok = "{}".getBytes(StandardCharsets.US_ASCII);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, ok.length);
			exchange.getResponseBody().write(ok);
			exchange.close();
		});
		server.start();
		return () -> server.stop(0);
	}

}
