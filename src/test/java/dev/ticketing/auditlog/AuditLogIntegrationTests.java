package dev.ticketing.auditlog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit log against PostgreSQL: organisers' changes and refunds recorded with who,
 * from where, when and what, in the change's own transaction (a refused change records
 * nothing); read newest first by organisers only; and append-only in the database itself.
 */
@IntegrationTest
class AuditLogIntegrationTests {

	static final String LOG = "/api/v1/organiser/audit-log";

	static final String CONCERTS = "/api/v1/organiser/concerts";

	static final UUID OLIVIA = UUID.randomUUID();

	static final String ORGANISER = TestIssuer.tokenFor(OLIVIA, "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void anOrganisersChangesAreRecordedWithWhoFromWhereAndWhatNewestFirst() {
		Api api = new Api(this.port, "203.0.113.7");
		Instant before = Instant.now().minusSeconds(1);
		String concert = api
			.post(CONCERTS, ORGANISER,
					Map.of("title", "Logged Night", "venue", "Hall", "timeZone", "UTC", "ticketsPerFan", 4))
			.getBody()
			.get("concertId")
			.asString();
		api.post(CONCERTS + "/" + concert + "/dates", ORGANISER,
				Map.of("startsAt", Instant.now().plus(Duration.ofDays(9)).toString(), "sections",
						List.of(Map.of("name", "A", "rows", List.of(Map.of("label", "1", "seats", 3, "price", 10))))));
		api.patch(CONCERTS + "/" + concert, ORGANISER,
				Map.of("status", "ON_SALE", "queue", Map.of("maxActive", 20), "ticketsPerFan", 2));

		List<JsonNode> entries = entriesAbout(concert);

		assertThat(entries).extracting((e) -> e.get("action").asString())
			.containsExactly("CONCERT_CHANGED", "DATE_ADDED", "CONCERT_CREATED");
		assertThat(entries).allSatisfy((e) -> {
			assertThat(e.get("actor").asString()).isEqualTo(OLIVIA.toString());
			assertThat(e.get("clientAddress").asString()).isEqualTo("203.0.113.7");
			assertThat(Instant.parse(e.get("at").asString())).isAfter(before).isBefore(Instant.now().plusSeconds(1));
		});
		JsonNode changed = entries.get(0).get("details");
		assertThat(changed.get("status").get("from").asString()).isEqualTo("DRAFT");
		assertThat(changed.get("status").get("to").asString()).isEqualTo("ON_SALE");
		assertThat(changed.get("maxActive").get("from").isNull()).isTrue();
		assertThat(changed.get("maxActive").get("to").asInt()).isEqualTo(20);
		assertThat(changed.get("ticketsPerFan").get("from").asInt()).isEqualTo(4);
		assertThat(changed.get("ticketsPerFan").get("to").asInt()).isEqualTo(2);
		assertThat(changed.has("title")).as("only what changed").isFalse();
		assertThat(entries.get(1).get("details").get("totalSeats").asInt()).isEqualTo(3);
		assertThat(entries.get(2).get("details").get("title").asString()).isEqualTo("Logged Night");
		assertThat(entries.get(2).get("details").get("ticketsPerFan").asInt()).isEqualTo(4);
	}

	@Test
	void aCapTakenAwayIsRecordedAsGoingToNone() {
		String concert = new Api(this.port)
			.post(CONCERTS, ORGANISER,
					Map.of("title", "Uncapped", "venue", "Hall", "timeZone", "UTC", "ticketsPerFan", 4))
			.getBody()
			.get("concertId")
			.asString();
		Map<String, Object> removal = new java.util.HashMap<>();
		removal.put("ticketsPerFan", null);
		new Api(this.port).patch(CONCERTS + "/" + concert, ORGANISER, removal);

		JsonNode changed = entriesAbout(concert).getFirst();
		assertThat(changed.get("action").asString()).isEqualTo("CONCERT_CHANGED");
		assertThat(changed.get("details").get("ticketsPerFan").get("from").asInt()).isEqualTo(4);
		assertThat(changed.get("details").get("ticketsPerFan").get("to").isNull()).isTrue();
	}

	@Test
	void aChangeThatChangesNothingRecordsNothing() {
		Api api = new Api(this.port);
		String concert = api.post(CONCERTS, ORGANISER, Map.of("title", "Same", "venue", "Hall", "timeZone", "UTC"))
			.getBody()
			.get("concertId")
			.asString();
		long before = rows();
		assertThat(api.patch(CONCERTS + "/" + concert, ORGANISER, Map.of("title", "Same", "status", "DRAFT"))
			.getStatusCode()
			.value()).isEqualTo(200);
		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void aRefundIsRecordedWithTheAmountAndWhoRefunded() {
		OnSale sale = this.boxOffice.concertOnSale("Refunded", 2, Points.of(700));
		UserId fan = this.boxOffice.fan(Points.of(1_000));
		Admission admitted = sale.admit(fan);
		Reservation held = this.boxOffice.hold(sale.seat(0), admitted);
		this.boxOffice.pay(held, admitted);

		assertThat(new Api(this.port).post("/api/v1/organiser/reservations/" + held.id() + "/refund", ORGANISER, null)
			.getStatusCode()
			.value()).isEqualTo(200);

		JsonNode refund = entriesAbout(held.id().toString()).getFirst();
		assertThat(refund.get("action").asString()).isEqualTo("RESERVATION_REFUNDED");
		assertThat(refund.get("actor").asString()).isEqualTo(OLIVIA.toString());
		assertThat(refund.get("details").get("amount").asLong()).isEqualTo(700);
		assertThat(refund.get("details").get("fan").asString()).isEqualTo(fan.toString());
		assertThat(refund.get("details").get("refundedBy").asString()).isEqualTo("ORGANISER");
	}

	@Test
	void aRefusedChangeRecordsNothing() {
		Api api = new Api(this.port);
		String concert = api.post(CONCERTS, ORGANISER, Map.of("title", "Refused", "venue", "Hall", "timeZone", "UTC"))
			.getBody()
			.get("concertId")
			.asString();
		long before = rows();

		assertThat(api.patch(CONCERTS + "/" + concert, ORGANISER, Map.of("venue", "Elsewhere", "status", "PAUSED"))
			.getStatusCode()
			.value()).as("DRAFT cannot pause").isEqualTo(409);
		assertThat(api.patch(CONCERTS + "/" + concert, ORGANISER, Map.of("ticketsPerFan", 0)).getStatusCode().value())
			.isEqualTo(400);
		assertThat(api.post(CONCERTS + "/" + concert + "/refund", ORGANISER, null).getStatusCode().value())
			.isEqualTo(404);

		assertThat(rows()).isEqualTo(before);
		assertThat(entriesAbout(concert)).extracting((e) -> e.get("action").asString())
			.containsExactly("CONCERT_CREATED");
	}

	@Test
	void onlyOrganisersReadTheLog() {
		new Api(this.port).post(CONCERTS, ORGANISER, Map.of("title", "Private", "venue", "Hall", "timeZone", "UTC"));
		String fan = TestIssuer.tokenFor(UUID.randomUUID());
		assertThat(new Api(this.port).anonymous().get(LOG, null).getStatusCode().value()).isEqualTo(401);
		ResponseEntity<JsonNode> refused = new Api(this.port).signedInWith(fan).get(LOG, fan);
		assertThat(refused.getStatusCode().value()).isEqualTo(403);
		assertThat(refused.getBody().toString()).doesNotContain("Private");
		assertThat(new Api(this.port).get(LOG, ORGANISER).getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void pagesGoFromTheNewestAndABadPageIsRefused() {
		Api api = new Api(this.port);
		for (String title : new String[] { "First", "Second" }) {
			api.post(CONCERTS, ORGANISER, Map.of("title", title, "venue", "Hall", "timeZone", "UTC"));
		}
		JsonNode first = api.get(LOG + "?size=1", ORGANISER).getBody();
		JsonNode second = api.get(LOG + "?size=1&page=1", ORGANISER).getBody();
		assertThat(first.get("entries")).hasSize(1);
		assertThat(first.get("total").asLong()).isEqualTo(rows());
		assertThat(first.get("entries").get(0).get("details").get("title").asString()).isEqualTo("Second");
		assertThat(second.get("entries").get(0).get("details").get("title").asString()).isEqualTo("First");
		for (String bad : new String[] { "?size=0", "?size=201", "?page=-1", "?size=abc" }) {
			ResponseEntity<JsonNode> refused = api.get(LOG + bad, ORGANISER);
			assertThat(refused.getStatusCode().value()).as(bad).isEqualTo(400);
		}
	}

	@Test
	void theDatabaseRefusesToChangeOrRemoveAnEntry() {
		new Api(this.port).post(CONCERTS, ORGANISER, Map.of("title", "Kept", "venue", "Hall", "timeZone", "UTC"));
		long rows = rows();
		String kept = this.jdbc.queryForObject("SELECT details FROM audit_log ORDER BY id DESC LIMIT 1", String.class);

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("UPDATE audit_log SET details = '{}'"))
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.jdbc.update("DELETE FROM audit_log"))
			.withMessageContaining("append-only");
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.jdbc.execute("TRUNCATE audit_log"))
			.withMessageContaining("append-only");

		assertThat(rows()).isEqualTo(rows);
		assertThat(this.jdbc.queryForObject("SELECT details FROM audit_log ORDER BY id DESC LIMIT 1", String.class))
			.isEqualTo(kept);
	}

	/**
	 * The log's entries about {@code subject}, newest first, as an organiser reads them.
	 */
	private List<JsonNode> entriesAbout(String subject) {
		List<JsonNode> about = new ArrayList<>();
		new Api(this.port).get(LOG + "?size=200", ORGANISER).getBody().get("entries").forEach((entry) -> {
			if (entry.get("subject").asString().equals(subject)) {
				about.add(entry);
			}
		});
		return about;
	}

	private long rows() {
		return this.jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class);
	}

}
