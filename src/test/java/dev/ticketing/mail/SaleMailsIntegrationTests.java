package dev.ticketing.mail;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import dev.ticketing.common.Admission;
import dev.ticketing.common.Caller;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.payment.RefundService;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mails of a sale, through a real SMTP server (GreenMail) on a free port of
 * 3025-3030: a confirmation with the ticket's printed code (which opens the door) after a
 * payment, a notice after a refund, to the address of the fan's access token; nothing for
 * a fan whose token has none; the payment never waits for SMTP nor fails with it, and a
 * mail the SMTP server refused goes out once it is back; a delivery repeated after a mail
 * went out sends nothing.
 */
@IntegrationTest
@TestPropertySource(properties = { "concert.events.retry-interval=500ms", "concert.mail.embedded=false",
		"concert.mail.tickets-url=https://tickets.example.com/tickets" })
class SaleMailsIntegrationTests {

	static final int SMTP_PORT = freePort();

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@DynamicPropertySource
	static void smtpServer(DynamicPropertyRegistry properties) {
		properties.add("spring.mail.host", () -> "127.0.0.1");
		properties.add("spring.mail.port", () -> SMTP_PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	RefundService refunds;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aPaidFanGetsTheirTicketsAndARefundedOneANoticeOnce() throws Exception {
		OnSale sale = this.boxOffice.concertOnSale("Mail night", 4, Points.of(100));
		Admission fan = this.boxOffice.admittedFan(sale, Points.of(1_000));
		signIn(fan.userId(), "fan@example.com");
		int before = smtp.getReceivedMessages().length;

		Reservation hold = this.boxOffice.hold(sale.seat(0), fan);
		this.boxOffice.pay(hold, fan);

		assertThat(smtp.waitForIncomingEmail(10_000, before + 1)).isTrue();
		MimeMessage confirmation = smtp.getReceivedMessages()[before];
		assertThat(confirmation.getAllRecipients()).extracting(Object::toString).containsExactly("fan@example.com");
		assertThat(confirmation.getSubject()).isEqualTo("Your ticket: Mail night");
		assertThat(GreenMailUtil.getWholeMessage(confirmation)).contains("filename=ticket.svg");
		String text = plainText(confirmation);
		assertThat(text).contains("https://tickets.example.com/tickets").contains("Mail night");
		String code = text.substring(text.indexOf("opens the door once:")).lines().skip(2).findFirst().orElseThrow();
		assertThat(code).isEqualTo(printedCode(fan.userId()));
		// The mailed code is the ticket's printed code: it opens the door.
		ResponseEntityAssert.admitted(new Api(this.port).post("/api/v1/gate/concerts/" + sale.concert() + "/check-ins",
				TestIssuer.tokenFor(new UserId(java.util.UUID.randomUUID()), Caller.GATE),
				Map.of("code", code, "gate", "A")));

		// A used ticket is not refunded: the refund is of another seat of the fan's.
		Reservation second = this.boxOffice.hold(sale.seat(1), fan);
		this.boxOffice.pay(second, fan);
		assertThat(smtp.waitForIncomingEmail(10_000, before + 2)).isTrue();
		this.refunds.refundByOrganiser(second.id(), new UserId(java.util.UUID.randomUUID()));
		assertThat(smtp.waitForIncomingEmail(10_000, before + 3)).isTrue();
		MimeMessage notice = smtp.getReceivedMessages()[before + 2];
		assertThat(notice.getSubject()).isEqualTo("Your refund");
		assertThat(GreenMailUtil.getBody(notice)).contains("100 points");

		// Both deliveries marked undone, as after a crash between the send and the
		// commit:
		// the retries find the mails sent and send nothing.
		this.jdbc.update("UPDATE event_publication SET completion_date = NULL, status = 'FAILED'");
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
		assertThat(smtp.getReceivedMessages()).hasSize(before + 3);
	}

	@Test
	void aGivenTicketReachesTheFriendByMailWithItsNewCodeAndTheGiverHearsOfIt() throws Exception {
		OnSale sale = this.boxOffice.concertOnSale("Gift night", 2, Points.of(100));
		Admission fan = this.boxOffice.admittedFan(sale, Points.of(1_000));
		UserId friend = new UserId(java.util.UUID.randomUUID());
		signIn(fan.userId(), "giver@example.com");
		signIn(friend, "friend@example.com");
		this.boxOffice.pay(this.boxOffice.hold(sale.seat(0), fan), fan);
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
		int before = smtp.getReceivedMessages().length;

		Api api = new Api(this.port);
		String ticket = api.get("/api/v1/users/" + fan.userId() + "/tickets", TestIssuer.tokenFor(fan.userId()))
			.getBody()
			.get(0)
			.get("ticketId")
			.asString();
		assertThat(api
			.post("/api/v1/users/" + fan.userId() + "/tickets/" + ticket + "/transfers",
					TestIssuer.tokenFor(fan.userId()), Map.of("toUser", friend.toString()))
			.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		assertThat(smtp.waitForIncomingEmail(10_000, before + 2)).isTrue();
		List<MimeMessage> mails = List.of(smtp.getReceivedMessages()).subList(before, before + 2);
		MimeMessage received = mails.stream()
			.filter((m) -> recipients(m).equals("friend@example.com"))
			.findFirst()
			.orElseThrow();
		assertThat(received.getSubject()).isEqualTo("A ticket for you: Gift night");
		String text = plainText(received);
		String code = text.substring(text.indexOf("opens the door once:")).lines().skip(2).findFirst().orElseThrow();
		assertThat(code).isEqualTo(printedCode(friend));
		assertThat(mails).extracting((m) -> recipients(m))
			.containsExactlyInAnyOrder("friend@example.com", "giver@example.com");
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
		assertThat(smtp.getReceivedMessages()).hasSize(before + 2);
	}

	@Test
	void aFanWithoutAnAddressGetsNoMail() {
		OnSale sale = this.boxOffice.concertOnSale("No address", 2, Points.of(100));
		Admission fan = this.boxOffice.admittedFan(sale, Points.of(1_000));
		signIn(fan.userId(), null);
		int before = smtp.getReceivedMessages().length;

		this.boxOffice.pay(this.boxOffice.hold(sale.seat(0), fan), fan);

		// The delivery completes only once its listener has run.
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
		assertThat(smtp.getReceivedMessages()).hasSize(before);
	}

	@Test
	void aPaymentWhileTheSmtpServerIsDownSucceedsAndItsMailGoesOutWhenItIsBack() {
		OnSale sale = this.boxOffice.concertOnSale("SMTP down", 2, Points.of(100));
		Admission fan = this.boxOffice.admittedFan(sale, Points.of(1_000));
		signIn(fan.userId(), "patient@example.com");
		smtp.stop();
		try {
			this.boxOffice.pay(this.boxOffice.hold(sale.seat(0), fan), fan);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.jdbc.queryForObject(
						"SELECT count(*) FROM event_publication WHERE status = 'FAILED' OR completion_attempts > 0",
						Long.class) > 0);
		}
		finally {
			smtp.start();
		}
		assertThat(smtp.waitForIncomingEmail(30_000, 1)).isTrue();
		assertThat(List.of(smtp.getReceivedMessages())).extracting((m) -> recipients(m))
			.contains("patient@example.com");
		// Done once the delivery is complete: a send cut off after the server took the
		// mail would be retried, and arrive once more.
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == 0);
	}

	/**
	 * A wallet call with the fan's access token, which tells the service their address.
	 */
	private void signIn(UserId fan, String email) {
		Api api = new Api(this.port);
		String token = TestIssuer.token().subject(fan.toString()).email(email).sign();
		assertThat(api.get("/api/v1/users/" + fan + "/points", token).getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	private String printedCode(UserId fan) {
		Api api = new Api(this.port);
		String token = TestIssuer.tokenFor(fan);
		JsonNode tickets = api.get("/api/v1/users/" + fan + "/tickets", token).getBody();
		String ticket = tickets.get(0).get("ticketId").asString();
		return api.get("/api/v1/users/" + fan + "/tickets/" + ticket + "/printed-code", token)
			.getBody()
			.get("code")
			.asString();
	}

	/** The text part of a mail with attachments. */
	private static String plainText(MimeMessage message) throws Exception {
		jakarta.mail.Multipart parts = (jakarta.mail.Multipart) message.getContent();
		for (int i = 0; i < parts.getCount(); i++) {
			Object content = parts.getBodyPart(i).getContent();
			if (content instanceof jakarta.mail.Multipart inner) {
				for (int j = 0; j < inner.getCount(); j++) {
					if (inner.getBodyPart(j).isMimeType("text/plain")) {
						return String.valueOf(inner.getBodyPart(j).getContent());
					}
				}
			}
			if (parts.getBodyPart(i).isMimeType("text/plain")) {
				return String.valueOf(content);
			}
		}
		throw new AssertionError("No text in the mail");
	}

	private long pending() {
		Long pending = this.jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL",
				Long.class);
		return (pending != null) ? pending : -1;
	}

	private static String recipients(MimeMessage message) {
		try {
			return message.getAllRecipients()[0].toString();
		}
		catch (jakarta.mail.MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The first port of 3025-3030 nothing listens on. */
	private static int freePort() {
		return IntStream.rangeClosed(3025, 3030).filter((port) -> {
			try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}).findFirst().orElseThrow(() -> new IllegalStateException("No free port in 3025-3030 for the SMTP server"));
	}

	private static final class ResponseEntityAssert {

		static void admitted(org.springframework.http.ResponseEntity<JsonNode> answer) {
			assertThat(answer.getStatusCode()).as(String.valueOf(answer.getBody())).isEqualTo(HttpStatus.OK);
		}

	}

}
