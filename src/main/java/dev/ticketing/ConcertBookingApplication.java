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

	public static void main(String[] args) {
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
