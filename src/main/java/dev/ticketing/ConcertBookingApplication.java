package dev.ticketing;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs the service; with a first argument of {@code seed} fills the configured database
 * with load-test data and exits, with {@code audit} checks its integrity and exits
 * non-zero on any violation.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConcertBookingApplication {

	/**
	 * Tomcat's buffer for a WebSocket's frames, each way (8 KB by default), which every
	 * open status channel keeps.
	 */
	static final String WEB_SOCKET_FRAME_BUFFER = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	public static void main(String[] args) {
		// Tomcat reads this system property once, as its WebSocket classes load, and has
		// no other setting for it: so here, before anything starts, and only if the
		// operator did not set it (-D...). 512 bytes hold any frame the status channel
		// sends (its status JSON) or takes (a token); a larger frame goes through in
		// parts, not refused. With 512-byte message buffers beside it, an open channel
		// holds 3 KB less than with 1 KB ones (docs/PERFORMANCE.md).
		if (System.getProperty(WEB_SOCKET_FRAME_BUFFER) == null) {
			System.setProperty(WEB_SOCKET_FRAME_BUFFER, "512");
		}
		if (args.length > 0 && (args[0].equals("seed") || args[0].equals("audit"))) {
			SpringApplication command = new SpringApplication(ConcertBookingApplication.class);
			command.setWebApplicationType(WebApplicationType.NONE);
			command.setDefaultProperties(java.util.Map.of("concert.command", args[0]));
			String[] options = Arrays.copyOfRange(args, 1, args.length);
			System.exit(SpringApplication.exit(command.run(options)));
		}
		SpringApplication.run(ConcertBookingApplication.class, args);
	}

}
