package dev.ticketing;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs the service, or with a first argument of {@code seed} fills the configured
 * database with load-test data and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ConcertBookingApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("seed")) {
			SpringApplication command = new SpringApplication(ConcertBookingApplication.class);
			command.setWebApplicationType(WebApplicationType.NONE);
			command.setDefaultProperties(java.util.Map.of("concert.command", "seed"));
			String[] options = Arrays.copyOfRange(args, 1, args.length);
			System.exit(SpringApplication.exit(command.run(options)));
		}
		SpringApplication.run(ConcertBookingApplication.class, args);
	}

}
