package dev.ticketing.mail;

import java.time.Clock;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import dev.ticketing.concert.ConcertService;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.ticket.PrintedTickets;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Mails go to the embedded mode's own SMTP server, or to Spring Boot's
 * {@code spring.mail.*} one; with neither, no mail listener exists, so payments leave no
 * mail publications behind.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MailProperties.class)
class MailConfiguration {

	/** Mails are sent: an SMTP server runs here or is configured. */
	static final String SENDING = "${concert.mail.embedded:false} or '${spring.mail.host:}' != ''";

	@Bean(destroyMethod = "stop")
	@ConditionalOnProperty("concert.mail.embedded")
	GreenMail embeddedMailServer() {
		GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
		server.start();
		return server;
	}

	/** Replaces Spring Boot's sender, which needs a fixed {@code spring.mail.host}. */
	@Bean
	@ConditionalOnProperty("concert.mail.embedded")
	JavaMailSenderImpl embeddedMailSender(GreenMail server) {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(server.getSmtp().getPort());
		return sender;
	}

	@Bean
	@ConditionalOnExpression(SENDING)
	SaleMails saleMails(MailRepository mails, ObjectProvider<JavaMailSender> sender, PrintedTickets tickets,
			ReservationService reservations, ConcertService concerts, MailProperties properties, Clock clock) {
		return new SaleMails(mails, sender.getObject(), tickets, reservations, concerts, properties, clock);
	}

}
