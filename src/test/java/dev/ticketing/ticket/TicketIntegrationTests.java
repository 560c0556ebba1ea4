package dev.ticketing.ticket;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDate;
import dev.ticketing.concert.ConcertService;
import dev.ticketing.payment.RefundService;
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
 * Tickets against PostgreSQL over HTTP: a paid seat has a ticket whose codes verify with
 * the published key alone, as an offline gate would check them; the first scan admits and
 * every later one names where and when; old, refunded, forged and wrong-concert codes are
 * refused, each with its own code; ten gates scanning one ticket at once admit it once;
 * and only the holder sees codes, only gate staff and organisers check in.
 */
@IntegrationTest
@Import(MutableClockConfiguration.class)
class TicketIntegrationTests {

	static final long PRICE = 1_000;

	/** An Ed25519 public key in X.509: this fixed header, then the key's 32 bytes. */
	static final byte[] ED25519_X509_HEADER = HexFormat.of().parseHex("302a300506032b6570032100");

	static final String GATE_STAFF = TestIssuer.tokenFor(UUID.randomUUID(), "GATE");

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	RefundService refunds;

	@Autowired
	MutableClock clock;

	@Autowired
	ConcertService concerts;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ObjectMapper json;

	Api api() {
		return new Api(this.port);
	}

	@Test
	void aPaidSeatHasATicketWhoseCodeVerifiesWithThePublishedKeyAlone() throws Exception {
		Paid paid = paid("Verified");
		JsonNode tickets = api().get("/api/v1/users/" + paid.fan() + "/tickets", null).getBody();
		assertThat(tickets).hasSize(1);
		JsonNode ticket = tickets.get(0);
		assertThat(ticket.get("status").asString()).isEqualTo("VALID");
		assertThat(ticket.get("reservationId").asString()).isEqualTo(paid.reservation().id().toString());
		assertThat(ticket.get("concertTitle").asString()).isEqualTo("Verified");
		assertThat(ticket.get("label").asString()).isNotBlank();

		ResponseEntity<JsonNode> shown = api().get(codePath(paid), null);
		assertThat(shown.getStatusCode().value()).isEqualTo(200);
		assertThat(shown.getHeaders().getCacheControl()).contains("no-store");
		assertThat(shown.getBody().get("kind").asString()).isEqualTo("PHONE");
		assertThat(shown.getBody().get("qrSvg").asString()).startsWith("<svg").doesNotContain("script", "style=");
		String code = shown.getBody().get("code").asString();

		ResponseEntity<JsonNode> keys = api().anonymous().get("/api/v1/tickets/keys", null);
		assertThat(keys.getStatusCode().value()).isEqualTo(200);
		String[] parts = code.split("\\.");
		JsonNode header = decode(parts[0]);
		JsonNode published = keys.getBody().get("keys").get(0);
		assertThat(header.get("alg").asString()).isEqualTo("EdDSA");
		assertThat(header.get("kid").asString()).isEqualTo(published.get("kid").asString());
		assertThat(published.get("kty").asString()).isEqualTo("OKP");
		assertThat(published.get("crv").asString()).isEqualTo("Ed25519");
		Signature verifier = Signature.getInstance("Ed25519");
		verifier.initVerify(publicKey(published.get("x").asString()));
		verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signed by the published key").isTrue();

		JsonNode claims = decode(parts[1]);
		assertThat(claims.get("jti").asString()).isEqualTo(ticket.get("ticketId").asString());
		assertThat(claims.get("cid").asString()).isEqualTo(paid.concert().toString());
		assertThat(claims.get("sid").asLong()).isEqualTo(paid.reservation().seatId().value());
		assertThat(claims.get("did").asLong()).isEqualTo(paid.reservation().concertDateId().value());
		assertThat(claims.get("seat").asString()).isEqualTo(ticket.get("label").asString());
		assertThat(claims.get("sub").asString()).isEqualTo(paid.fan().toString());
		assertThat(claims.get("use").asString()).isEqualTo("phone");
	}

	@Test
	void thePhonesCodeChangesWithTheTimeStepAndAnOldStepsCodeIsRefused() {
		Paid paid = paid("Steps");
		// From a step's first instant, so that 30 s and 61 s later are the steps the
		// assertions name whatever the time the test runs (from a step's last second, 61
		// s
		// would be three steps on).
		this.clock.advance(Duration.ofMillis(30_000 - Math.floorMod(this.clock.instant().toEpochMilli(), 30_000)));
		String first = phoneCode(paid);
		this.clock.advance(Duration.ofSeconds(30));
		String next = phoneCode(paid);
		assertThat(next).as("a new code every step").isNotEqualTo(first);

		this.clock.advance(Duration.ofSeconds(31));
		ResponseEntity<JsonNode> old = checkIn(paid.concert(), first, "North 1");
		assertThat(old.getStatusCode().value()).isEqualTo(410);
		assertThat(old.getBody().get("code").asString()).isEqualTo("CODE_EXPIRED");
		assertThat(checkedIn(paid)).as("a refused scan changes nothing").isZero();

		ResponseEntity<JsonNode> lastStep = checkIn(paid.concert(), next, "North 1");
		assertThat(lastStep.getStatusCode().value()).as("the step before the gate's still opens").isEqualTo(200);
	}

	@Test
	void aPhoneCodeFromAStepTheGateHasNotReachedIsRefused() {
		Paid paid = paid("Early");
		String code = phoneCode(paid);
		this.clock.advance(Duration.ofSeconds(-61));
		ResponseEntity<JsonNode> early = checkIn(paid.concert(), code, "North 1");
		assertThat(early.getStatusCode().value()).isEqualTo(409);
		assertThat(early.getBody().get("code").asString()).isEqualTo("CODE_NOT_YET_VALID");
		assertThat(checkedIn(paid)).isZero();
	}

	@Test
	void theFirstScanAdmitsAndEveryLaterScanAtAnyGateSaysWhereAndWhenItWasUsed() {
		Paid paid = paid("Door");
		String phone = phoneCode(paid);
		String printed = api().get(codePath(paid).replace("/code", "/printed-code"), null)
			.getBody()
			.get("code")
			.asString();

		ResponseEntity<JsonNode> admitted = checkIn(paid.concert(), phone, "North 1");
		assertThat(admitted.getStatusCode().value()).isEqualTo(200);
		assertThat(admitted.getBody().get("gate").asString()).isEqualTo("North 1");
		Instant at = Instant.parse(admitted.getBody().get("checkedInAt").asString());

		for (String again : List.of(phone, printed)) {
			ResponseEntity<JsonNode> used = checkIn(paid.concert(), again, "South 2");
			assertThat(used.getStatusCode().value()).isEqualTo(409);
			assertThat(used.getBody().get("code").asString()).isEqualTo("ALREADY_USED");
			assertThat(used.getBody().get("gate").asString()).isEqualTo("North 1");
			assertThat(Instant.parse(used.getBody().get("checkedInAt").asString())).isEqualTo(at);
		}
		JsonNode ticket = api().get("/api/v1/users/" + paid.fan() + "/tickets", null).getBody().get(0);
		assertThat(ticket.get("checkedInGate").asString()).isEqualTo("North 1");
	}

	@Test
	void aPrintedCodeHasNoTimeStepAndOpensTheDoorLater() {
		Paid paid = paid("Printed");
		ResponseEntity<JsonNode> printed = api().get(codePath(paid).replace("/code", "/printed-code"), null);
		assertThat(printed.getBody().get("kind").asString()).isEqualTo("PRINTED");
		assertThat(printed.getBody().has("refreshAt")).isFalse();
		this.clock.advance(Duration.ofDays(2));
		assertThat(checkIn(paid.concert(), printed.getBody().get("code").asString(), "East").getStatusCode().value())
			.isEqualTo(200);
	}

	@Test
	void aRefundVoidsEveryCodeOfTheTicketAtOnce() {
		Paid paid = paid("Refunded");
		String phone = phoneCode(paid);
		String printed = api().get(codePath(paid).replace("/code", "/printed-code"), null)
			.getBody()
			.get("code")
			.asString();
		assertThat(api().post("/api/v1/organiser/reservations/" + paid.reservation().id() + "/refund", ORGANISER, null)
			.getStatusCode()
			.value()).isEqualTo(200);

		for (String code : List.of(phone, printed)) {
			ResponseEntity<JsonNode> refused = checkIn(paid.concert(), code, "North 1");
			assertThat(refused.getStatusCode().value()).isEqualTo(409);
			assertThat(refused.getBody().get("code").asString()).isEqualTo("TICKET_REFUNDED");
		}
		ResponseEntity<JsonNode> noMoreCodes = api().get(codePath(paid), null);
		assertThat(noMoreCodes.getStatusCode().value()).isEqualTo(409);
		assertThat(noMoreCodes.getBody().get("code").asString()).isEqualTo("TICKET_REFUNDED");
		JsonNode ticket = api().get("/api/v1/users/" + paid.fan() + "/tickets", null).getBody().get(0);
		assertThat(ticket.get("status").asString()).isEqualTo("REFUNDED");
		assertThat(checkedIn(paid)).isZero();
	}

	@Test
	void aFanWhoVoidsTheirCodesGetsNewOnesAndTheOldAnswerVoided() {
		Paid paid = paid("Lost print");
		String lost = api().get(codePath(paid).replace("/code", "/printed-code"), null)
			.getBody()
			.get("code")
			.asString();
		ResponseEntity<JsonNode> voided = api().post(codePath(paid).replace("/code", "/void-codes"), null, null);
		assertThat(voided.getStatusCode().value()).isEqualTo(200);
		assertThat(voided.getBody().get("status").asString()).isEqualTo("VALID");

		ResponseEntity<JsonNode> refused = checkIn(paid.concert(), lost, "North 1");
		assertThat(refused.getStatusCode().value()).isEqualTo(409);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("TICKET_VOIDED");
		assertThat(checkedIn(paid)).isZero();
		assertThat(checkIn(paid.concert(), phoneCode(paid), "North 1").getStatusCode().value()).isEqualTo(200);
		ResponseEntity<JsonNode> afterAdmission = api().post(codePath(paid).replace("/code", "/void-codes"), null,
				null);
		assertThat(afterAdmission.getStatusCode().value()).isEqualTo(409);
		assertThat(afterAdmission.getBody().get("code").asString()).isEqualTo("ALREADY_USED");
		assertThat(
				api().post(codePath(paid).replace("/code", "/void-codes"), TestIssuer.tokenFor(UUID.randomUUID()), null)
					.getStatusCode()
					.value())
			.isEqualTo(403);
	}

	@Test
	void aCodeForAnotherConcertIsRefusedAsWrongConcert() {
		Paid paid = paid("Here");
		ConcertId elsewhere = this.boxOffice.concert("Elsewhere", 1, Points.of(PRICE));
		ResponseEntity<JsonNode> refused = checkIn(elsewhere, phoneCode(paid), "North 1");
		assertThat(refused.getStatusCode().value()).isEqualTo(409);
		assertThat(refused.getBody().get("code").asString()).isEqualTo("WRONG_CONCERT");
		assertThat(checkedIn(paid)).isZero();
	}

	@Test
	void aGateCheckingInForADateRefusesATicketForAnotherDateOfTheConcert() {
		ConcertId concert = this.concerts.addConcert("Two nights", "Hall",
				List.of(Instant.now().plus(Duration.ofDays(7)), Instant.now().plus(Duration.ofDays(8))), 2,
				Points.of(PRICE));
		List<ConcertDate> dates = this.concerts.dates(concert);
		ConcertDate first = dates.get(0);
		ConcertDate second = dates.get(1);
		Admission fan = new Admission(concert, this.boxOffice.fan(Points.of(5_000)));
		Reservation hold = this.boxOffice.hold(this.concerts.availableSeats(concert, second.id()).getFirst(), fan);
		this.boxOffice.pay(hold, fan);
		Paid paid = new Paid(concert, fan.userId(), hold);
		String code = phoneCode(paid);
		String path = "/api/v1/gate/concerts/" + concert + "/check-ins";

		ResponseEntity<JsonNode> wrongDay = api().post(path, GATE_STAFF,
				Map.of("code", code, "gate", "North 1", "concertDateId", first.id().value()));
		assertThat(wrongDay.getStatusCode().value()).isEqualTo(409);
		assertThat(wrongDay.getBody().get("code").asString()).isEqualTo("WRONG_DATE");
		assertThat(checkedIn(paid)).as("a refused scan changes nothing").isZero();

		ResponseEntity<JsonNode> itsDay = api().post(path, GATE_STAFF,
				Map.of("code", code, "gate", "North 1", "concertDateId", second.id().value()));
		assertThat(itsDay.getStatusCode().value()).isEqualTo(200);
		assertThat(itsDay.getBody().get("concertDateId").asLong()).isEqualTo(second.id().value());
	}

	@Test
	void aTicketUsedAtTheGateIsNotRefundedAndNothingOfTheRefundHappens() {
		Paid paid = paid("Inside already");
		assertThat(checkIn(paid.concert(), phoneCode(paid), "North 1").getStatusCode().value()).isEqualTo(200);
		long balance = balance(paid.fan());

		ResponseEntity<JsonNode> organiser = api()
			.post("/api/v1/organiser/reservations/" + paid.reservation().id() + "/refund", ORGANISER, null);
		assertThat(organiser.getStatusCode().value()).isEqualTo(409);
		assertThat(organiser.getBody().get("code").asString()).isEqualTo("ALREADY_USED");
		assertThat(organiser.getBody().get("gate").asString()).isEqualTo("North 1");

		assertThat(balance(paid.fan())).as("no points back").isEqualTo(balance);
		assertThat(this.jdbc.queryForObject("SELECT status FROM reservation WHERE id = ?", String.class,
				paid.reservation().id().value()))
			.isEqualTo("PAID");
		assertThat(this.jdbc.queryForObject("SELECT status FROM payment WHERE reservation_id = ?", String.class,
				paid.reservation().id().value()))
			.isEqualTo("COMPLETED");
		assertThat(this.jdbc.queryForObject("SELECT status FROM seat WHERE id = ?", String.class,
				paid.reservation().seatId().value()))
			.isEqualTo("SOLD");
		JsonNode ticket = api().get("/api/v1/users/" + paid.fan() + "/tickets", null).getBody().get(0);
		assertThat(ticket.get("status").asString()).isEqualTo("VALID");
	}

	@Test
	void aRefundAndACheckInAtOnceNeverBothHappen() {
		for (int round = 0; round < 5; round++) {
			Paid paid = paid("Refund or door " + round);
			String code = phoneCode(paid);
			List<Race.Outcome<ResponseEntity<JsonNode>>> outcomes = Race
				.run(2, (i) -> (i == 0) ? checkIn(paid.concert(), code, "North 1") : api()
					.post("/api/v1/organiser/reservations/" + paid.reservation().id() + "/refund", ORGANISER, null));
			List<ResponseEntity<JsonNode>> answers = Race.Outcome.values(outcomes);
			assertThat(answers).hasSize(2);
			assertThat(answers.stream().filter((a) -> a.getStatusCode().value() == 200)).as("round " + round)
				.hasSize(1);
			String winner = (answers.get(0).getStatusCode().value() == 200) ? "door" : "refund";
			String ticket = this.jdbc.queryForObject(
					"SELECT status || ' ' || (checked_in_at IS NOT NULL) FROM ticket WHERE reservation_id = ?",
					String.class, paid.reservation().id().value());
			assertThat(ticket).isEqualTo(winner.equals("door") ? "VALID true" : "REFUNDED false");
			assertThat(answers.get(winner.equals("door") ? 1 : 0).getBody().get("code").asString())
				.isEqualTo(winner.equals("door") ? "ALREADY_USED" : "TICKET_REFUNDED");
		}
	}

	@Test
	void forgedAlteredAndUnreadableCodesAreRefusedAsInvalid() throws Exception {
		Paid paid = paid("Forged");
		String genuine = phoneCode(paid);
		String[] parts = genuine.split("\\.");
		JsonNode claims = decode(parts[1]);
		String otherTicket = this.json.writeValueAsString(Map.of("jti", UUID.randomUUID().toString(), "ver", 1, "cid",
				paid.concert().toString(), "use", "printed"));
		String altered = parts[0] + "." + encode(otherTicket) + "." + parts[2];
		KeyPair stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		Signature signer = Signature.getInstance("Ed25519");
		signer.initSign(stranger.getPrivate());
		signer.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
		String otherKey = parts[0] + "." + parts[1] + "."
				+ Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
		String noSignature = parts[0] + "." + parts[1] + ".";
		String unsigned = encode("{\"alg\":\"none\"}") + "." + parts[1] + ".";

		for (String forged : List.of(altered, otherKey, noSignature, unsigned, "not a ticket", "a.b.c")) {
			ResponseEntity<JsonNode> refused = checkIn(paid.concert(), forged, "North 1");
			assertThat(refused.getStatusCode().value()).as(forged).isEqualTo(400);
			assertThat(refused.getBody().get("code").asString()).isEqualTo("INVALID_TICKET_CODE");
		}
		assertThat(claims.get("jti").asString()).isNotBlank();
		assertThat(checkedIn(paid)).isZero();
		assertThat(checkIn(paid.concert(), genuine, "North 1").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void tenGatesScanningOneTicketAtOnceAdmitItExactlyOnce() {
		for (int round = 0; round < 3; round++) {
			Paid paid = paid("Rush " + round);
			String code = phoneCode(paid);
			List<Race.Outcome<ResponseEntity<JsonNode>>> outcomes = Race.run(10,
					(gate) -> checkIn(paid.concert(), code, "Gate " + gate));
			List<ResponseEntity<JsonNode>> answers = Race.Outcome.values(outcomes);
			assertThat(answers).hasSize(10);
			List<ResponseEntity<JsonNode>> admitted = answers.stream()
				.filter((a) -> a.getStatusCode().value() == 200)
				.toList();
			assertThat(admitted).as("admitted exactly once").hasSize(1);
			String winner = admitted.getFirst().getBody().get("gate").asString();
			assertThat(answers.stream().filter((a) -> a.getStatusCode().value() != 200)).hasSize(9)
				.allSatisfy((refused) -> {
					assertThat(refused.getStatusCode().value()).isEqualTo(409);
					assertThat(refused.getBody().get("code").asString()).isEqualTo("ALREADY_USED");
					assertThat(refused.getBody().get("gate").asString()).isEqualTo(winner);
				});
			assertThat(checkedIn(paid)).isEqualTo(1);
		}
	}

	@Test
	void onlyTheHolderIsShownTheirTicketsAndCodes() {
		Paid paid = paid("Mine");
		UserId stranger = this.boxOffice.fan(Points.ZERO);
		String list = "/api/v1/users/" + paid.fan() + "/tickets";
		for (String path : List.of(list, codePath(paid), codePath(paid).replace("/code", "/printed-code"))) {
			assertThat(api().anonymous().get(path, null).getStatusCode().value()).as(path).isEqualTo(401);
			ResponseEntity<JsonNode> other = api().get(path, TestIssuer.tokenFor(stranger));
			assertThat(other.getStatusCode().value()).as(path).isEqualTo(403);
			assertThat(other.getBody().get("code").asString()).isEqualTo("USER_MISMATCH");
			assertThat(api().get(path, ORGANISER).getStatusCode().value()).as("not even an organiser").isEqualTo(403);
			assertThat(api().get(path, GATE_STAFF).getStatusCode().value()).isEqualTo(403);
		}
		String printed = api().get(codePath(paid).replace("/code", "/printed-code"), null)
			.getBody()
			.get("code")
			.asString();
		String voidCodes = codePath(paid).replace("/code", "/void-codes");
		assertThat(api().anonymous().post(voidCodes, null, null).getStatusCode().value()).isEqualTo(401);
		assertThat(api().post(voidCodes, TestIssuer.tokenFor(stranger), null).getStatusCode().value()).isEqualTo(403);
		assertThat(api().post(voidCodes, ORGANISER, null).getStatusCode().value()).isEqualTo(403);
		assertThat(checkIn(paid.concert(), printed, "North 1").getStatusCode().value())
			.as("refused voids changed nothing: the code issued before still opens the door")
			.isEqualTo(200);
		ResponseEntity<JsonNode> notTheirs = api()
			.get("/api/v1/users/" + stranger + "/tickets/" + ticketId(paid) + "/code", null);
		assertThat(notTheirs.getStatusCode().value()).isEqualTo(404);
		assertThat(notTheirs.getBody().get("code").asString()).isEqualTo("TICKET_NOT_FOUND");
		assertThat(api().get("/api/v1/users/" + paid.fan() + "/tickets/not-a-uuid/code", null).getStatusCode().value())
			.isEqualTo(400);
	}

	@Test
	void onlyGateStaffAndOrganisersCheckTicketsInAndARefusedCallerChangesNothing() {
		Paid paid = paid("Staff only");
		String code = phoneCode(paid);
		String path = "/api/v1/gate/concerts/" + paid.concert() + "/check-ins";
		Map<String, String> body = Map.of("code", code, "gate", "North 1");
		assertThat(api().anonymous().post(path, null, body).getStatusCode().value()).isEqualTo(401);
		ResponseEntity<JsonNode> fan = api().post(path, TestIssuer.tokenFor(paid.fan()), body);
		assertThat(fan.getStatusCode().value()).isEqualTo(403);
		assertThat(fan.getBody().get("code").asString()).isEqualTo("ROLE_REQUIRED");
		assertThat(checkedIn(paid)).isZero();

		ResponseEntity<JsonNode> noGate = api().post(path, GATE_STAFF, Map.of("code", code));
		assertThat(noGate.getStatusCode().value()).isEqualTo(400);
		assertThat(noGate.getBody().get("code").asString()).isEqualTo("INVALID_GATE");
		assertThat(checkedIn(paid)).isZero();

		assertThat(api().post(path, ORGANISER, body).getStatusCode().value()).isEqualTo(200);
		Paid another = paid("Staff only 2");
		assertThat(checkIn(another.concert(), phoneCode(another), "North 1").getStatusCode().value()).isEqualTo(200);
	}

	@Test
	void thePublicKeysArePublic() {
		ResponseEntity<JsonNode> keys = api().anonymous().get("/api/v1/tickets/keys", null);
		assertThat(keys.getStatusCode().value()).isEqualTo(200);
		assertThat(keys.getBody().get("keys")).hasSize(1);
		assertThat(keys.getBody().get("keys").get(0).has("d")).as("no private part").isFalse();
	}

	private Paid paid(String title) {
		var sale = this.boxOffice.concertOnSale(title, 2, Points.of(PRICE));
		Admission fan = this.boxOffice.admittedFan(sale, Points.of(5_000));
		Reservation hold = this.boxOffice.hold(sale.seat(0), fan);
		this.boxOffice.pay(hold, fan);
		return new Paid(sale.concert(), fan.userId(), hold);
	}

	private long balance(UserId fan) {
		return api().get("/api/v1/users/" + fan + "/points", null).getBody().get("balance").asLong();
	}

	private String ticketId(Paid paid) {
		return this.jdbc
			.queryForObject("SELECT id FROM ticket WHERE reservation_id = ?", UUID.class,
					paid.reservation().id().value())
			.toString();
	}

	private String codePath(Paid paid) {
		return "/api/v1/users/" + paid.fan() + "/tickets/" + ticketId(paid) + "/code";
	}

	private String phoneCode(Paid paid) {
		ResponseEntity<JsonNode> shown = api().get(codePath(paid), null);
		assertThat(shown.getStatusCode().value()).isEqualTo(200);
		return shown.getBody().get("code").asString();
	}

	private ResponseEntity<JsonNode> checkIn(ConcertId concert, String code, String gate) {
		return api().post("/api/v1/gate/concerts/" + concert + "/check-ins", GATE_STAFF,
				Map.of("code", code, "gate", gate));
	}

	private long checkedIn(Paid paid) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM ticket WHERE reservation_id = ? AND checked_in_at IS NOT NULL", Long.class,
				paid.reservation().id().value());
	}

	private JsonNode decode(String part) {
		return this.json.readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
	}

	private static String encode(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static PublicKey publicKey(String x) throws Exception {
		byte[] raw = Base64.getUrlDecoder().decode(x);
		byte[] encoded = new byte[ED25519_X509_HEADER.length + raw.length];
		System.arraycopy(ED25519_X509_HEADER, 0, encoded, 0, ED25519_X509_HEADER.length);
		System.arraycopy(raw, 0, encoded, ED25519_X509_HEADER.length, raw.length);
		return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
	}

	record Paid(ConcertId concert, UserId fan, Reservation reservation) {
	}

}
