package dev.ticketing.ticket;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.Race;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gates without signal against PostgreSQL over HTTP: the voided tickets a gate takes
 * along, and scans made offline synced later, checked as of their own time, the earliest
 * scan of a ticket its check-in whichever gate syncs first, the other reported as a
 * conflict; and only gate staff and organisers may call either.
 */
@IntegrationTest
@Import(MutableClockConfiguration.class)
class OfflineGateIntegrationTests {

	static final String GATE_STAFF = TestIssuer.tokenFor(UUID.randomUUID(), "GATE");

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	Api api() {
		return new Api(this.port);
	}

	@Test
	void theVoidedListNamesRefundedTicketsAndVoidedCodesAndItsETagChangesWithIt() {
		List<Paid> paid = paid("Voided list", 3);
		String path = "/api/v1/gate/concerts/" + paid.get(0).concert() + "/voided";
		ResponseEntity<JsonNode> none = api().get(path, GATE_STAFF);
		assertThat(none.getStatusCode().value()).isEqualTo(200);
		assertThat(none.getBody().get("tickets")).isEmpty();
		String etag = none.getHeaders().getETag();
		assertThat(etag).isNotBlank();

		assertThat(api().post(ticketPath(paid.get(0)) + "/void-codes", null, null).getStatusCode().value())
			.isEqualTo(200);
		assertThat(api()
			.post("/api/v1/organiser/reservations/" + paid.get(1).reservation().id() + "/refund", ORGANISER, null)
			.getStatusCode()
			.value()).isEqualTo(200);

		ResponseEntity<JsonNode> voided = api().get(path, GATE_STAFF);
		assertThat(voided.getHeaders().getETag()).as("a new list, a new ETag").isNotEqualTo(etag);
		Map<String, String> byTicket = new java.util.HashMap<>();
		voided.getBody()
			.get("tickets")
			.forEach((t) -> byTicket.put(t.get("ticketId").asString(),
					t.get("status").asString() + " " + t.get("version").asInt()));
		assertThat(byTicket).containsOnly(Map.entry(ticketId(paid.get(0)), "VALID 2"),
				Map.entry(ticketId(paid.get(1)), "REFUNDED 2"));
	}

	@Test
	void twoOfflineGatesScanningOneTicketAreReportedAsAConflictAndTheEarliestScanWinsWhicheverSyncsFirst() {
		Paid paid = paid("Two gates", 1).get(0);
		String code = printedCode(paid);
		// The gates were offline for a while, and the ticket bought before.
		this.clock.advance(Duration.ofMinutes(15));
		Instant north = this.clock.instant().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
		Instant south = north.plus(Duration.ofMinutes(1));

		JsonNode southFirst = sync(paid.concert(), scan(code, "South 2", south)).get(0);
		assertThat(southFirst.get("outcome").asString()).isEqualTo("ADMITTED");
		assertThat(southFirst.get("gate").asString()).isEqualTo("South 2");
		assertThat(Instant.parse(southFirst.get("checkedInAt").asString())).as("the scan's own time").isEqualTo(south);
		assertThat(southFirst.get("label").asString()).isNotBlank();

		JsonNode northLater = sync(paid.concert(), scan(code, "North 1", north)).get(0);
		assertThat(northLater.get("outcome").asString()).isEqualTo("CONFLICT");
		assertThat(northLater.get("gate").asString()).as("the earliest scan is the check-in").isEqualTo("North 1");
		assertThat(Instant.parse(northLater.get("checkedInAt").asString())).isEqualTo(north);
		assertThat(northLater.get("laterGate").asString()).isEqualTo("South 2");
		assertThat(checkIn(paid)).isEqualTo("North 1 " + north);

		JsonNode southAgain = sync(paid.concert(), scan(code, "South 2", south)).get(0);
		assertThat(southAgain.get("outcome").asString()).as("South learns it was second").isEqualTo("CONFLICT");
		assertThat(southAgain.get("gate").asString()).isEqualTo("North 1");
		assertThat(southAgain.has("laterGate")).isFalse();
		assertThat(checkIn(paid)).isEqualTo("North 1 " + north);

		ResponseEntity<JsonNode> online = api().post("/api/v1/gate/concerts/" + paid.concert() + "/check-ins",
				GATE_STAFF, Map.of("code", code, "gate", "East 3"));
		assertThat(online.getStatusCode().value()).isEqualTo(409);
		assertThat(online.getBody().get("gate").asString()).isEqualTo("North 1");
	}

	@Test
	void tenGatesSyncingOneTicketAtOnceLeaveTheEarliestScanAsItsCheckIn() {
		for (int round = 0; round < 3; round++) {
			Paid paid = paid("Ten gates " + round, 1).get(0);
			String code = printedCode(paid);
			this.clock.advance(Duration.ofMinutes(15));
			Instant first = this.clock.instant().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
			List<Race.Outcome<JsonNode>> outcomes = Race.run(10,
					(gate) -> sync(paid.concert(), scan(code, "Gate " + gate, first.plusSeconds(gate))).get(0));
			List<JsonNode> answers = Race.Outcome.values(outcomes);
			assertThat(answers).hasSize(10);
			assertThat(checkIn(paid)).as("round " + round).isEqualTo("Gate 0 " + first);
			assertThat(answers.stream().filter((a) -> "CONFLICT".equals(a.get("outcome").asString())))
				.as("every gate but the first to sync hears of another scan")
				.hasSize(9);
		}
	}

	@Test
	void anOnlineCheckInStaysTheCheckInWhenAnEarlierOfflineScanIsSynced() {
		Paid paid = paid("Online first", 1).get(0);
		String code = printedCode(paid);
		this.clock.advance(Duration.ofMinutes(15));
		Instant offline = this.clock.instant().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
		ResponseEntity<JsonNode> online = api().post("/api/v1/gate/concerts/" + paid.concert() + "/check-ins",
				GATE_STAFF, Map.of("code", code, "gate", "Main"));
		assertThat(online.getStatusCode().value()).isEqualTo(200);
		String admitted = checkIn(paid);

		JsonNode earlier = sync(paid.concert(), scan(code, "Side 9", offline)).get(0);
		assertThat(earlier.get("outcome").asString()).isEqualTo("CONFLICT");
		assertThat(earlier.get("gate").asString()).as("the online check-in named").isEqualTo("Main");
		assertThat(earlier.has("laterGate")).as("it replaced nothing").isFalse();
		assertThat(checkIn(paid)).as("the online check-in stays where and when it was").isEqualTo(admitted);
	}

	@Test
	void aSyncedScanForAnotherDateOfTheConcertIsRefusedAsWrongDate() {
		Paid paid = paid("Two days offline", 1).get(0);
		String code = printedCode(paid);
		long date = paid.reservation().concertDateId().value();
		Instant at = this.clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
		JsonNode results = sync(paid.concert(), dated(scan(code, "North 1", at), date + 1));
		assertThat(outcomes(results)).containsExactly("REFUSED WRONG_DATE");
		assertThat(checkIn(paid)).isNull();
		assertThat(outcomes(sync(paid.concert(), dated(scan(code, "North 1", at), date)))).containsExactly("ADMITTED");
	}

	private static Map<String, Object> dated(Map<String, Object> scan, long date) {
		Map<String, Object> dated = new java.util.HashMap<>(scan);
		dated.put("concertDateId", date);
		return dated;
	}

	@Test
	void oneGatesScansAreAppliedInTheOrderMadeAndSendingThemAgainChangesNothing() {
		Paid paid = paid("Order", 1).get(0);
		String code = printedCode(paid);
		// The gates were offline for a while, and the ticket bought before.
		this.clock.advance(Duration.ofMinutes(15));
		Instant early = this.clock.instant().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MILLIS);
		Instant late = early.plus(Duration.ofSeconds(20));
		List<Map<String, Object>> batch = List.of(scan(code, "West 1", late), scan(code, "West 1", early));
		for (int round = 0; round < 2; round++) {
			JsonNode results = sync(paid.concert(), batch.toArray(Map[]::new));
			assertThat(results.get(0).get("outcome").asString()).as("round " + round).isEqualTo("CONFLICT");
			assertThat(results.get(1).get("outcome").asString()).as("round " + round).isEqualTo("ADMITTED");
			assertThat(checkIn(paid)).isEqualTo("West 1 " + early);
		}
	}

	@Test
	void aPhoneCodeIsCheckedAsOfItsScanAndRefusedCodesOrScanTimesAdmitNothing() {
		List<Paid> paid = paid("As of the scan", 3);
		Instant shown = this.clock.instant();
		String phone = phoneCode(paid.get(0));
		String stale = phoneCode(paid.get(1));
		String voided = printedCode(paid.get(2));
		assertThat(api().post(ticketPath(paid.get(2)) + "/void-codes", null, null).getStatusCode().value())
			.isEqualTo(200);
		this.clock.advance(Duration.ofMinutes(10));

		JsonNode results = sync(paid.get(0).concert(), scan(phone, "North 1", shown.plusSeconds(5)),
				scan(stale, "North 1", shown.plus(Duration.ofMinutes(5))), scan(voided, "North 1", shown),
				scan("not.a.code", "North 1", shown),
				scan(printedCode(paid.get(0)), "North 1", this.clock.instant().plus(Duration.ofMinutes(5))),
				scan(printedCode(paid.get(1)), "North 1", shown.minus(Duration.ofHours(1))));
		assertThat(outcomes(results)).containsExactly("ADMITTED", "REFUSED CODE_EXPIRED", "REFUSED TICKET_VOIDED",
				"REFUSED INVALID_TICKET_CODE", "REFUSED INVALID_SCAN_TIME", "REFUSED INVALID_SCAN_TIME");
		assertThat(checkIn(paid.get(0))).as("shown on the phone and scanned in its step, though synced later")
			.isEqualTo("North 1 " + shown.plusSeconds(5).truncatedTo(ChronoUnit.MICROS));
		assertThat(checkIn(paid.get(1))).isNull();
		assertThat(checkIn(paid.get(2))).isNull();
	}

	@Test
	void onlyGateStaffAndOrganisersGetTheVoidedListOrSyncAndARefusedSyncChangesNothing() {
		Paid paid = paid("Staff only offline", 1).get(0);
		String code = printedCode(paid);
		String voided = "/api/v1/gate/concerts/" + paid.concert() + "/voided";
		String sync = "/api/v1/gate/concerts/" + paid.concert() + "/check-ins/sync";
		Map<String, Object> body = Map.of("scans", List.of(scan(code, "North 1", this.clock.instant())));
		String fan = TestIssuer.tokenFor(paid.fan());

		assertThat(api().anonymous().get(voided, null).getStatusCode().value()).isEqualTo(401);
		ResponseEntity<JsonNode> fanList = api().get(voided, fan);
		assertThat(fanList.getStatusCode().value()).isEqualTo(403);
		assertThat(fanList.getBody().get("code").asString()).isEqualTo("ROLE_REQUIRED");
		assertThat(api().anonymous().post(sync, null, body).getStatusCode().value()).isEqualTo(401);
		ResponseEntity<JsonNode> fanSync = api().post(sync, fan, body);
		assertThat(fanSync.getStatusCode().value()).isEqualTo(403);
		assertThat(fanSync.getBody().get("code").asString()).isEqualTo("ROLE_REQUIRED");
		assertThat(checkIn(paid)).isNull();

		ResponseEntity<JsonNode> empty = api().post(sync, GATE_STAFF, Map.of("scans", List.of()));
		assertThat(empty.getStatusCode().value()).isEqualTo(400);
		assertThat(empty.getBody().get("code").asString()).isEqualTo("INVALID_SCANS");
		ResponseEntity<JsonNode> noGate = api().post(sync, GATE_STAFF,
				Map.of("scans", List.of(Map.of("code", code, "scannedAt", this.clock.instant().toString()))));
		assertThat(noGate.getStatusCode().value()).isEqualTo(400);
		assertThat(noGate.getBody().get("code").asString()).isEqualTo("INVALID_GATE");
		assertThat(checkIn(paid)).isNull();

		assertThat(api().get(voided, ORGANISER).getStatusCode().value()).isEqualTo(200);
		ResponseEntity<JsonNode> organiser = api().post(sync, ORGANISER, body);
		assertThat(organiser.getStatusCode().value()).isEqualTo(200);
		assertThat(organiser.getBody().get("results").get(0).get("outcome").asString()).isEqualTo("ADMITTED");
	}

	@SafeVarargs
	private JsonNode sync(ConcertId concert, Map<String, Object>... scans) {
		ResponseEntity<JsonNode> answer = api().post("/api/v1/gate/concerts/" + concert + "/check-ins/sync", GATE_STAFF,
				Map.of("scans", List.of(scans)));
		assertThat(answer.getStatusCode().value()).as(String.valueOf(answer.getBody())).isEqualTo(200);
		return answer.getBody().get("results");
	}

	private static Map<String, Object> scan(String code, String gate, Instant at) {
		return Map.of("code", code, "gate", gate, "scannedAt", at.toString());
	}

	private static List<String> outcomes(JsonNode results) {
		List<String> outcomes = new ArrayList<>();
		results.forEach((r) -> outcomes
			.add(r.get("outcome").asString() + (r.has("code") ? " " + r.get("code").asString() : "")));
		return outcomes;
	}

	/** Tickets of one concert, each a fan's of their own. */
	private List<Paid> paid(String title, int count) {
		var sale = this.boxOffice.concertOnSale(title, count, Points.of(1_000));
		List<Paid> paid = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Admission fan = this.boxOffice.admittedFan(sale, Points.of(5_000));
			Reservation hold = this.boxOffice.hold(sale.seat(i), fan);
			this.boxOffice.pay(hold, fan);
			paid.add(new Paid(sale.concert(), fan.userId(), hold));
		}
		return paid;
	}

	private String phoneCode(Paid paid) {
		return api().get(ticketPath(paid) + "/code", null).getBody().get("code").asString();
	}

	private String printedCode(Paid paid) {
		return api().get(ticketPath(paid) + "/printed-code", null).getBody().get("code").asString();
	}

	private String ticketPath(Paid paid) {
		return "/api/v1/users/" + paid.fan() + "/tickets/" + ticketId(paid);
	}

	private String ticketId(Paid paid) {
		return this.jdbc
			.queryForObject("SELECT id FROM ticket WHERE reservation_id = ?", UUID.class,
					paid.reservation().id().value())
			.toString();
	}

	/** The ticket's check-in as "gate time", or null. */
	private String checkIn(Paid paid) {
		return this.jdbc.queryForObject("SELECT checked_in_gate, checked_in_at FROM ticket WHERE reservation_id = ?",
				(rs, row) -> {
					String gate = rs.getString(1);
					return (gate != null) ? gate + " " + rs.getTimestamp(2).toInstant() : null;
				}, paid.reservation().id().value());
	}

	record Paid(ConcertId concert, UserId fan, Reservation reservation) {
	}

}
