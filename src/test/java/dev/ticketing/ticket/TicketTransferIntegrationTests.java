package dev.ticketing.ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.SaleService;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.support.Api;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.Race;
import dev.ticketing.support.TestIssuer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Giving a ticket to a friend against PostgreSQL over HTTP: the friend holds it at once
 * and the giver's codes die, online and in the list offline gates take along; no money
 * moves and neither fan can refund it; the receiver's cap on tickets per fan applies,
 * also when transfers and holds race for it; and only the holder may give it.
 */
@IntegrationTest
@Import(TicketTransferIntegrationTests.Transferred.class)
@TestPropertySource(properties = { "concert.reservation.max-holds-per-user=10", "concert.queue.max-active=1000" })
class TicketTransferIntegrationTests {

	static final long PRICE = 1_000;

	static final long BALANCE = 5_000;

	static final String GATE_STAFF = TestIssuer.tokenFor(UUID.randomUUID(), "GATE");

	static final String ORGANISER = TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER");

	@LocalServerPort
	int port;

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	SaleService sales;

	@Autowired
	TicketTransfers transfers;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Transferred transferred;

	Api api() {
		return new Api(this.port);
	}

	@Test
	void aFriendHoldsAGivenTicketAtOnceAndEveryCodeTheGiverHadAnswersVoided() {
		BoxOffice.OnSale sale = this.boxOffice.concertOnSale("Given", 2, Points.of(PRICE));
		Paid paid = paid(sale);
		UserId friend = this.boxOffice.fan(Points.ZERO);
		String phone = code(paid.fan(), paid.ticket(), "code");
		String printed = code(paid.fan(), paid.ticket(), "printed-code");

		ResponseEntity<JsonNode> given = give(paid.fan(), paid.ticket(), friend, null);
		assertThat(given.getStatusCode().value()).isEqualTo(201);
		assertThat(given.getBody().get("fromUser").asString()).isEqualTo(paid.fan().toString());
		assertThat(given.getBody().get("toUser").asString()).isEqualTo(friend.toString());

		assertThat(tickets(paid.fan())).as("no longer the giver's").isEmpty();
		JsonNode received = tickets(friend);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).get("ticketId").asString()).isEqualTo(paid.ticket());
		assertThat(received.get(0).get("status").asString()).isEqualTo("VALID");
		assertThat(received.get(0).has("receivedAt")).isTrue();

		for (String old : List.of(phone, printed)) {
			ResponseEntity<JsonNode> refused = checkIn(sale.concert(), old);
			assertThat(refused.getStatusCode().value()).isEqualTo(409);
			assertThat(refused.getBody().get("code").asString()).isEqualTo("TICKET_VOIDED");
		}
		JsonNode voided = api().get("/api/v1/gate/concerts/" + sale.concert() + "/voided", GATE_STAFF).getBody();
		assertThat(voided.get("tickets")).anySatisfy((ticket) -> {
			assertThat(ticket.get("ticketId").asString()).isEqualTo(paid.ticket());
			assertThat(ticket.get("version").asInt()).as("the giver's codes were of version 1").isEqualTo(2);
		});

		ResponseEntity<JsonNode> giversCode = api()
			.get("/api/v1/users/" + paid.fan() + "/tickets/" + paid.ticket() + "/code", null);
		assertThat(giversCode.getStatusCode().value()).isEqualTo(409);
		assertThat(giversCode.getBody().get("code").asString()).isEqualTo("TICKET_TRANSFERRED");
		ResponseEntity<JsonNode> again = give(paid.fan(), paid.ticket(), this.boxOffice.fan(Points.ZERO), null);
		assertThat(again.getStatusCode().value()).isEqualTo(409);
		assertThat(again.getBody().get("code").asString()).isEqualTo("TICKET_TRANSFERRED");

		assertThat(balance(paid.fan())).as("no money moves").isEqualTo(BALANCE - PRICE);
		assertThat(balance(friend)).isZero();
		JsonNode bought = api().get("/api/v1/users/" + paid.fan() + "/reservations", null).getBody().get(0);
		assertThat(bought.get("status").asString()).isEqualTo("PAID");
		assertThat(bought.get("givenAway").asBoolean()).isTrue();
		assertThat(bought.has("selfRefundableUntil")).as("neither fan refunds it").isFalse();

		assertThat(this.transferred.events).filteredOn((event) -> event.ticketId().toString().equals(paid.ticket()))
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.ticketId().toString()).isEqualTo(paid.ticket());
				assertThat(event.concertId()).isEqualTo(sale.concert());
				assertThat(event.from()).isEqualTo(paid.fan());
				assertThat(event.to()).isEqualTo(friend);
			});

		assertThat(checkIn(sale.concert(), code(friend, paid.ticket(), "code")).getStatusCode().value())
			.as("the friend's code opens the door")
			.isEqualTo(200);
	}

	@Test
	void aGivenTicketPassesOnAgainAndBackToItsBuyer() {
		BoxOffice.OnSale sale = this.boxOffice.concertOnSale("Passed on", 1, Points.of(PRICE));
		Paid paid = paid(sale);
		UserId friend = this.boxOffice.fan(Points.ZERO);
		assertThat(give(paid.fan(), paid.ticket(), friend, null).getStatusCode().value()).isEqualTo(201);
		assertThat(give(friend, paid.ticket(), paid.fan(), null).getStatusCode().value()).isEqualTo(201);
		assertThat(tickets(paid.fan())).hasSize(1);
		assertThat(tickets(friend)).isEmpty();
		JsonNode bought = api().get("/api/v1/users/" + paid.fan() + "/reservations", null).getBody().get(0);
		assertThat(bought.has("givenAway")).as("the buyer's own again").isFalse();
		assertThat(version(paid.ticket())).isEqualTo(3);
	}

	@Test
	void refusedTransfersChangeNothing() {
		BoxOffice.OnSale sale = this.boxOffice.concertOnSale("Refused", 3, Points.of(PRICE));
		Paid paid = paid(sale);
		UserId friend = this.boxOffice.fan(Points.ZERO);

		assertRefused(give(paid.fan(), paid.ticket(), paid.fan(), null), 400, "TRANSFER_TO_SELF", paid);
		assertRefused(give(paid.fan(), paid.ticket(), new UserId(UUID.randomUUID()), null), 422, "UNKNOWN_RECEIVER",
				paid);
		assertRefused(api().post(transfers(paid.fan(), paid.ticket()), null, Map.of("toUser", "friend")), 400,
				"INVALID_ID", paid);
		assertRefused(give(paid.fan(), UUID.randomUUID().toString(), friend, null), 404, "TICKET_NOT_FOUND", paid);
		assertRefused(give(friend, paid.ticket(), paid.fan(), null), 404, "TICKET_NOT_FOUND", paid);

		assertThat(checkIn(sale.concert(), code(paid.fan(), paid.ticket(), "code")).getStatusCode().value())
			.isEqualTo(200);
		assertRefused(give(paid.fan(), paid.ticket(), friend, null), 409, "ALREADY_USED", paid);

		Paid refunded = paid(sale);
		assertThat(
				api().post("/api/v1/organiser/reservations/" + refunded.reservation().id() + "/refund", ORGANISER, null)
					.getStatusCode()
					.value())
			.isEqualTo(200);
		assertRefused(give(refunded.fan(), refunded.ticket(), friend, null), 409, "TICKET_REFUNDED", refunded);
		assertThat(tickets(friend)).isEmpty();
	}

	@Test
	void onlyTheHolderGivesTheirTicketAndEveryoneElseChangesNothing() {
		Paid paid = paid(this.boxOffice.concertOnSale("Mine to give", 1, Points.of(PRICE)));
		UserId friend = this.boxOffice.fan(Points.ZERO);
		Map<String, String> body = Map.of("toUser", friend.toString());
		String path = transfers(paid.fan(), paid.ticket());

		assertThat(api().anonymous().post(path, null, body).getStatusCode().value()).isEqualTo(401);
		for (String other : List.of(TestIssuer.tokenFor(friend), ORGANISER, GATE_STAFF,
				TestIssuer.tokenFor(UUID.randomUUID(), "ORGANISER", "GATE"))) {
			ResponseEntity<JsonNode> refused = api().post(path, other, body);
			assertThat(refused.getStatusCode().value()).isEqualTo(403);
			assertThat(refused.getBody().get("code").asString()).isEqualTo("USER_MISMATCH");
		}
		assertThat(holder(paid.ticket())).isEqualTo(paid.fan().value());
		assertThat(version(paid.ticket())).isEqualTo(1);
		assertThat(tickets(friend)).isEmpty();
	}

	@Test
	void theReceiversCapOnTicketsPerFanAppliesAndARefusalChangesNothing() {
		BoxOffice.OnSale sale = this.boxOffice.concertOnSale("Capped", 4, Points.of(PRICE));
		cap(sale.concert(), 1);
		Paid mine = paid(sale);
		Paid friends = paid(sale);

		assertRefused(give(mine.fan(), mine.ticket(), friends.fan(), null), 409, "TICKET_LIMIT", mine);
		assertThat(tickets(friends.fan())).hasSize(1);

		UserId other = this.boxOffice.fan(Points.of(BALANCE));
		assertThat(give(mine.fan(), mine.ticket(), other, null).getStatusCode().value()).isEqualTo(201);
		Admission giver = new Admission(sale.concert(), mine.fan());
		assertThat(this.boxOffice.hold(sale.seat(2), giver).id()).as("a ticket given away counts no more").isNotNull();
		try {
			this.boxOffice.hold(sale.seat(3), new Admission(sale.concert(), other));
			throw new AssertionError("a ticket given counts against the receiver's cap");
		}
		catch (ProblemException refused) {
			assertThat(refused.code()).isEqualTo("TICKET_LIMIT");
		}
	}

	@Test
	void transfersAndHoldsRacingForOneFansCapNeverPassIt() {
		for (int round = 0; round < 3; round++) {
			int givers = 4;
			int holds = 4;
			BoxOffice.OnSale sale = this.boxOffice.concertOnSale("Race " + round, givers + holds + 1, Points.of(PRICE));
			cap(sale.concert(), 3);
			List<Paid> given = new ArrayList<>();
			for (int i = 0; i < givers; i++) {
				given.add(paid(sale, sale.seat(i)));
			}
			UserId receiver = this.boxOffice.fan(Points.of(BALANCE));
			Admission admitted = new Admission(sale.concert(), receiver);
			this.boxOffice.pay(this.boxOffice.hold(sale.seat(givers), admitted), admitted);

			List<Race.Outcome<Object>> outcomes = Race.run(givers + holds,
					(i) -> (i < givers)
							? this.transfers.transfer(TicketId.of(given.get(i).ticket()), given.get(i).fan(), receiver)
							: this.boxOffice.hold(sale.seat(givers + 1 + (i - givers)), admitted));

			assertThat(Race.Outcome.values(outcomes)).as("two places left under the cap of 3").hasSize(2);
			assertThat(Race.Outcome.failures(outcomes)).hasSize(givers + holds - 2)
				.allSatisfy((failure) -> assertThat(failure).isInstanceOfSatisfying(ProblemException.class,
						(problem) -> assertThat(problem.code()).isEqualTo("TICKET_LIMIT")));
			long held = this.jdbc.queryForObject(
					"SELECT count(*) FROM reservation WHERE concert_id = ? AND status = 'HELD' AND user_id = ?",
					Long.class, sale.concert().value(), receiver.value());
			long tickets = this.jdbc.queryForObject(
					"SELECT count(*) FROM ticket WHERE concert_id = ? AND holder_id = ?", Long.class,
					sale.concert().value(), receiver.value());
			assertThat(held + tickets).isEqualTo(3);
			assertThat(this.jdbc.queryForObject(
					"SELECT count(*) FROM reservation WHERE concert_id = ? AND given_to = ? AND status = 'PAID'",
					Long.class, sale.concert().value(), receiver.value()))
				.as("the reservations count what the tickets say")
				.isEqualTo(tickets - 1);
		}
	}

	@Test
	void neitherFanRefundsAGivenTicketButAnOrganiserStillCanAndThePointsGoBackToTheBuyer() {
		BoxOffice.OnSale sale = this.boxOffice.concertOnSale("Refunds", 1, Points.of(PRICE));
		Paid paid = paid(sale);
		UserId friend = this.boxOffice.fan(Points.ZERO);
		assertThat(give(paid.fan(), paid.ticket(), friend, null).getStatusCode().value()).isEqualTo(201);
		String own = "/api/v1/users/%s/reservations/" + paid.reservation().id() + "/refund";

		ResponseEntity<JsonNode> buyer = api().post(own.formatted(paid.fan()), null, null);
		assertThat(buyer.getStatusCode().value()).isEqualTo(409);
		assertThat(buyer.getBody().get("code").asString()).isEqualTo("TICKET_TRANSFERRED");
		assertThat(api().post(own.formatted(friend), null, null).getStatusCode().value())
			.as("not the receiver's reservation, nor their money")
			.isEqualTo(404);
		assertThat(balance(paid.fan())).isEqualTo(BALANCE - PRICE);
		assertThat(tickets(friend).get(0).get("status").asString()).isEqualTo("VALID");

		assertThat(api().post("/api/v1/organiser/reservations/" + paid.reservation().id() + "/refund", ORGANISER, null)
			.getStatusCode()
			.value()).isEqualTo(200);
		assertThat(balance(paid.fan())).isEqualTo(BALANCE);
		assertThat(balance(friend)).isZero();
		assertThat(tickets(friend).get(0).get("status").asString()).isEqualTo("REFUNDED");
	}

	private void assertRefused(ResponseEntity<JsonNode> answer, int status, String code, Paid paid) {
		assertThat(answer.getStatusCode().value()).isEqualTo(status);
		assertThat(answer.getBody().get("code").asString()).isEqualTo(code);
		assertThat(holder(paid.ticket())).as("nothing changed").isEqualTo(paid.fan().value());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM ticket_transfer WHERE ticket_id = ?", Long.class,
				UUID.fromString(paid.ticket())))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT given_to FROM reservation WHERE id = ?", UUID.class,
				paid.reservation().id().value()))
			.isNull();
	}

	private Paid paid(BoxOffice.OnSale sale) {
		Long free = this.jdbc.queryForObject(
				"SELECT min(id) FROM seat WHERE concert_date_id = ? AND status = 'AVAILABLE'", Long.class,
				sale.date().value());
		return paid(sale, sale.seats().stream().filter((seat) -> seat.id().value() == free).findFirst().orElseThrow());
	}

	private Paid paid(BoxOffice.OnSale sale, dev.ticketing.concert.Seat seat) {
		Admission fan = this.boxOffice.admittedFan(sale, Points.of(BALANCE));
		Reservation hold = this.boxOffice.hold(seat, fan);
		this.boxOffice.pay(hold, fan);
		String ticket = this.jdbc
			.queryForObject("SELECT id FROM ticket WHERE reservation_id = ?", UUID.class, hold.id().value())
			.toString();
		return new Paid(fan.userId(), hold, ticket);
	}

	private ResponseEntity<JsonNode> give(UserId from, String ticket, UserId to, String token) {
		return api().post(transfers(from, ticket), token, Map.of("toUser", to.toString()));
	}

	private static String transfers(UserId from, String ticket) {
		return "/api/v1/users/" + from + "/tickets/" + ticket + "/transfers";
	}

	private JsonNode tickets(UserId fan) {
		return api().get("/api/v1/users/" + fan + "/tickets", null).getBody();
	}

	private String code(UserId fan, String ticket, String kind) {
		ResponseEntity<JsonNode> shown = api().get("/api/v1/users/" + fan + "/tickets/" + ticket + "/" + kind, null);
		assertThat(shown.getStatusCode().value()).isEqualTo(200);
		return shown.getBody().get("code").asString();
	}

	private ResponseEntity<JsonNode> checkIn(ConcertId concert, String code) {
		return api().post("/api/v1/gate/concerts/" + concert + "/check-ins", GATE_STAFF,
				Map.of("code", code, "gate", "North 1"));
	}

	private long balance(UserId fan) {
		return api().get("/api/v1/users/" + fan + "/points", null).getBody().get("balance").asLong();
	}

	private UUID holder(String ticket) {
		return this.jdbc.queryForObject("SELECT holder_id FROM ticket WHERE id = ?", UUID.class,
				UUID.fromString(ticket));
	}

	private int version(String ticket) {
		return this.jdbc.queryForObject("SELECT version FROM ticket WHERE id = ?", Integer.class,
				UUID.fromString(ticket));
	}

	private void cap(ConcertId concert, int ticketsPerFan) {
		this.sales.change(concert,
				new ConcertChanges(null, null, null, null, null, null, ticketsPerFan, null, Set.of()));
	}

	record Paid(UserId fan, Reservation reservation, String ticket) {
	}

	/** The transfers published, on whichever thread. */
	static class Transferred {

		final List<TicketTransferred> events = new java.util.concurrent.CopyOnWriteArrayList<>();

		@EventListener
		void on(TicketTransferred event) {
			this.events.add(event);
		}

	}

}
