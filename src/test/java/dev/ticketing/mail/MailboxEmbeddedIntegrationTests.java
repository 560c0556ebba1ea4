package dev.ticketing.mail;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.ticketing.common.Admission;
import dev.ticketing.common.Points;
import dev.ticketing.identity.DemoAccounts;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded mode's mailbox: its own SMTP server receives a demo fan's ticket, the fan
 * sees it, another fan neither sees it nor may ask for it, an organiser sees every mail,
 * and nobody signed out sees anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:mailbox-test;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1")
@Import(BoxOffice.class)
class MailboxEmbeddedIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	Api alice;

	Api bob;

	Api olivia;

	String bobsToken;

	String oliviasToken;

	@BeforeEach
	void signIn() {
		this.bobsToken = token("bob");
		this.oliviasToken = token("olivia");
		this.alice = new Api(this.port).signedInWith(token("alice"));
		this.bob = new Api(this.port).signedInWith(this.bobsToken);
		this.olivia = new Api(this.port).signedInWith(this.oliviasToken);
	}

	@Test
	void aFanSeesTheirTicketMailAndOnlyTheirsAndAnOrganiserSeesEveryMail() {
		String alicesMails = "/api/v1/users/" + DemoAccounts.ALICE.userId() + "/mails";
		String bobsMails = "/api/v1/users/" + DemoAccounts.BOB.userId() + "/mails";
		// Signed-in calls tell the service each fan's address (their tokens' email
		// claim).
		assertThat(this.alice.get(alicesMails, null).getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(this.bob.get(bobsMails, null).getStatusCode()).isEqualTo(HttpStatus.OK);

		OnSale sale = this.boxOffice.concertOnSale("Mailbox night", 2, Points.of(100));
		Admission fan = sale.admit(DemoAccounts.ALICE.userId());
		Reservation hold = this.boxOffice.hold(sale.seat(0), fan);
		this.boxOffice.pay(hold, fan);

		await().atMost(Duration.ofSeconds(30)).until(() -> this.alice.get(alicesMails, null).getBody().size() == 1);
		JsonNode mail = this.alice.get(alicesMails, null).getBody().get(0);
		assertThat(mail.get("subject").asString()).isEqualTo("Your ticket: Mailbox night");
		assertThat(mail.get("to").get(0).asString()).isEqualTo(DemoAccounts.ALICE.email());
		assertThat(mail.get("text").asString()).contains("/tickets").contains("opens the door once");

		assertThat(this.bob.get(bobsMails, null).getBody()).isEmpty();
		ResponseEntity<JsonNode> refused = this.bob.get(alicesMails, null);
		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("USER_MISMATCH");
		assertThat(this.bob.get("/api/v1/organiser/mails", this.bobsToken).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(new Api(this.port).anonymous().get(alicesMails, null).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(new Api(this.port).anonymous().get("/api/v1/organiser/mails", null).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);

		assertThat(this.olivia.get(alicesMails, null).getBody()).hasSize(1);
		assertThat(this.olivia.get("/api/v1/organiser/mails", this.oliviasToken).getBody())
			.anySatisfy((m) -> assertThat(m.get("subject").asString()).isEqualTo("Your ticket: Mailbox night"));
	}

	@Test
	void theMailboxPageIsServed() {
		ResponseEntity<String> page = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/mailbox")
			.retrieve()
			.toEntity(String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(page.getBody()).contains("/web/mailbox");
	}

	@Test
	void theSaleEventsSchemaIsPublicNextToTheApiDocument() {
		ResponseEntity<JsonNode> schema = new Api(this.port).anonymous().get("/sale-events.schema.json", null);
		assertThat(schema.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(schema.getBody().get("title").asString()).isEqualTo("Sale event");
	}

	private String token(String username) {
		return Api.demoAccessToken(this.port, username);
	}

}
