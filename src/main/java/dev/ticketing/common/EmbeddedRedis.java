package dev.ticketing.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.Redis;
import redis.embedded.RedisInstance;
import redis.embedded.RedisServer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded mode's Redis ({@code concert.redis.embedded}, on by default, off in prod):
 * the redis-server binary shipped inside the embedded-redis library, started on a free
 * loopback port before the connection factory is built (the factory is built from the
 * connection details below, which need the server) and stopped after it is closed. So
 * every mode runs the same adapters and the same Redis scripts, and the default start
 * still needs nothing installed. Where the library has no binary that runs (an operating
 * system or processor it does not ship one for), the start fails and says so: there is no
 * second, in-process queue to fall back to.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "concert.redis.embedded", havingValue = "true")
class EmbeddedRedis {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedRedis.class);

	private static final String LOOPBACK = "127.0.0.1";

	@Bean(destroyMethod = "close")
	ContextStoppedRedis embeddedRedisServer() {
		int port = freePort();
		long started = System.nanoTime();
		ContextStoppedRedis server;
		try {
			server = new ContextStoppedRedis(port, RedisServer.newRedisServer()
				.bind(LOOPBACK)
				.port(port)
				// Nothing to keep: the embedded mode's data (H2 too) dies with the
				// process.
				.setting("save \"\"")
				.setting("appendonly no")
				.buildCommandArgs());
			server.start();
		}
		catch (IOException | RuntimeException ex) {
			throw new EmbeddedRedisUnavailable(ex);
		}
		log.info("Embedded Redis listening on {}:{} (started in {} ms)", LOOPBACK, port,
				(System.nanoTime() - started) / 1_000_000);
		return server;
	}

	@Bean
	DataRedisConnectionDetails embeddedRedisConnection(ContextStoppedRedis server) {
		int port = server.ports().getFirst();
		return new DataRedisConnectionDetails() {
			@Override
			public Standalone getStandalone() {
				return Standalone.of(LOOPBACK, port);
			}
		};
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The library's redis-server, stopped by the application context alone, after the
	 * connection factory has closed. The library also stops it from a JVM shutdown hook
	 * of its own, which runs alongside Spring Boot's: it would stop Redis while the
	 * service still finishes the requests in flight (server.shutdown: graceful) and runs
	 * its last queue refill. That hook's call is ignored; Spring Boot's hook closes the
	 * context, which stops the server.
	 */
	static final class ContextStoppedRedis extends RedisInstance {

		ContextStoppedRedis(int port, List<String> commandLine) {
			super(port, commandLine, Redis.SERVER_READY_PATTERN, false, null, null);
		}

		@Override
		public void stop() {
			// The library's shutdown hook: see above.
		}

		void close() throws IOException {
			super.stop();
		}

	}

	/** The bundled redis-server could not be started here. */
	static final class EmbeddedRedisUnavailable extends IllegalStateException {

		static final String ACTION = "Run a Redis (6.2 or later) yourself and start with concert.redis.embedded=false "
				+ "(CONCERT_REDIS_EMBEDDED=false) and SPRING_DATA_REDIS_HOST / SPRING_DATA_REDIS_PORT pointing at it, "
				+ "or use the prod profile.";

		EmbeddedRedisUnavailable(Throwable cause) {
			super("The embedded mode's Redis could not start on this machine (" + System.getProperty("os.name") + ", "
					+ System.getProperty("os.arch") + "): " + cause.getMessage(), cause);
		}

	}

}
