package dev.ticketing.ticket;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TicketProperties.class)
class TicketConfiguration {

	@Bean
	TicketKeys ticketKeys(TicketProperties properties, Environment environment) {
		// seed and audit run with the service's settings but sign no code.
		boolean servesRequests = "serve".equals(environment.getProperty("concert.command", "serve"));
		return TicketKeys.forStartup(properties, servesRequests);
	}

	@Bean
	TicketCodes ticketCodes(TicketKeys keys) {
		return new TicketCodes(keys);
	}

}
