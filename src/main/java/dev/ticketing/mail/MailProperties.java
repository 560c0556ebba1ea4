package dev.ticketing.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param embedded run an SMTP server in this process (GreenMail, on a free loopback port)
 * and send there, showing what it received on the mailbox page: the embedded mode's demo.
 * Otherwise mails go to Spring Boot's {@code spring.mail.*} server, and without
 * {@code spring.mail.host} none are sent.
 * @param from the sender of every mail
 * @param ticketsUrl where a fan's tickets are, linked from every mail
 */
@ConfigurationProperties("concert.mail")
record MailProperties(@DefaultValue("false") boolean embedded,
		@DefaultValue("Concert tickets <tickets@example.com>") String from,
		@DefaultValue("http://localhost:8080/tickets") String ticketsUrl) {

	MailProperties {
		if (from == null || from.isBlank()) {
			throw new IllegalArgumentException("concert.mail.from must name a sender");
		}
		if (ticketsUrl == null || !ticketsUrl.matches("https?://\\S+")) {
			throw new IllegalArgumentException("concert.mail.tickets-url must be an http(s) URL");
		}
	}

}
