package dev.ticketing.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import dev.ticketing.common.Caller;
import dev.ticketing.common.UserId;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The embedded mode's mailbox: what its own SMTP server received, so someone trying the
 * service sees the mails a sale sends. Demo only (the embedded mode alone has it); a fan
 * sees the mails sent to the address of their own access token, an organiser every mail.
 */
@RestController
@ConditionalOnProperty("concert.mail.embedded")
@Tag(name = "mailbox", description = "The embedded mode's demo mailbox: the mails the service sent")
class Mailbox {

	private final GreenMail server;

	private final MailRepository mails;

	Mailbox(GreenMail server, MailRepository mails) {
		this.server = server;
		this.mails = mails;
	}

	@GetMapping("/api/v1/users/{userId}/mails")
	@ApiResponse(responseCode = "200", description = "The mails sent to the user, newest first")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: another user's mails (organisers may)")
	List<MailView> mailsOf(@PathVariable String userId, Caller caller) {
		UserId user = caller.requireSelfOrOrganiser(UserId.of(userId));
		String address = this.mails.contact(user).orElse(null);
		if (address == null) {
			return List.of();
		}
		return received().stream().filter((mail) -> mail.to().contains(address)).toList();
	}

	@GetMapping("/api/v1/organiser/mails")
	@ApiResponse(responseCode = "200", description = "Every mail sent, newest first")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "FORBIDDEN: not an organiser")
	List<MailView> everyMail() {
		return received();
	}

	private List<MailView> received() {
		return Arrays.stream(this.server.getReceivedMessages())
			.map(MailView::of)
			.filter(Objects::nonNull)
			.sorted(Comparator.comparing(MailView::sentAt, Comparator.nullsLast(Comparator.reverseOrder())))
			.toList();
	}

	/**
	 * @param to the recipients
	 * @param subject the subject
	 * @param sentAt when it was sent
	 * @param text its text (without attachments)
	 */
	record MailView(List<String> to, String subject, Instant sentAt, String text) {

		static MailView of(MimeMessage message) {
			try {
				Address[] recipients = message.getRecipients(Message.RecipientType.TO);
				List<String> to = (recipients != null)
						? Arrays.stream(recipients).map((address) -> address.toString()).toList() : List.of();
				Instant sent = (message.getSentDate() != null) ? message.getSentDate().toInstant() : null;
				return new MailView(to, message.getSubject(), sent, text(message));
			}
			catch (MessagingException | IOException ex) {
				return null;
			}
		}

		private static String text(MimeMessage message) throws MessagingException, IOException {
			if (message.getContent() instanceof jakarta.mail.Multipart multipart) {
				for (int i = 0; i < multipart.getCount(); i++) {
					jakarta.mail.BodyPart part = multipart.getBodyPart(i);
					if (part.isMimeType("text/plain")) {
						return String.valueOf(part.getContent());
					}
					if (part.getContent() instanceof jakarta.mail.Multipart inner) {
						for (int j = 0; j < inner.getCount(); j++) {
							if (inner.getBodyPart(j).isMimeType("text/plain")) {
								return String.valueOf(inner.getBodyPart(j).getContent());
							}
						}
					}
				}
				return "";
			}
			return GreenMailUtil.getBody(message);
		}

	}

}
