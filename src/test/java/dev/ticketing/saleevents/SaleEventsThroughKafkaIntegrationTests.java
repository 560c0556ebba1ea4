package dev.ticketing.saleevents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.networknt.schema.JsonSchema;
import io.micrometer.core.instrument.MeterRegistry;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.Admission;
import dev.ticketing.common.Points;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.concert.ConcertChanges;
import dev.ticketing.concert.SaleService;
import dev.ticketing.payment.RefundService;
import dev.ticketing.reservation.Reservation;
import dev.ticketing.reservation.ReservationService;
import dev.ticketing.support.BoxOffice;
import dev.ticketing.support.BoxOffice.OnSale;
import dev.ticketing.support.IntegrationTest;
import dev.ticketing.support.MutableClock;
import dev.ticketing.support.MutableClockConfiguration;
import dev.ticketing.support.OnKafka;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sale whose broker dies in the middle: holds, payments, cancellations, a refund, a
 * sale paused and resumed and holds that run out, half before and half while Kafka is
 * down (SIGKILL). The sale goes on as if nothing happened; once the broker is back, the
 * outbox's retries deliver every event, none is lost, none is sent for a transaction that
 * rolled back, a duplicate (which a send that timed out after reaching the broker makes)
 * has the id of its original, each reservation's events come with their steps in order,
 * and every message is valid against the published schema. The registry holds one row per
 * sale event and nothing for the upkeep listeners that run on every hold.
 */
@IntegrationTest
@OnKafka
@Import(MutableClockConfiguration.class)
@TestPropertySource(
		properties = { "concert.events.retry-interval=1s", "spring.kafka.producer.properties.delivery.timeout.ms=3000",
				"spring.kafka.producer.properties.request.timeout.ms=1000",
				"spring.kafka.producer.properties.max.block.ms=3000", "spring.modulith.events.staleness.published=5s",
				"spring.modulith.events.staleness.processing=10s", "spring.modulith.events.staleness.resubmission=10s",
				"spring.modulith.events.staleness.check-intervall=1s" })
class SaleEventsThroughKafkaIntegrationTests {

	private static final ObjectMapper json = new ObjectMapper();

	@Autowired
	BoxOffice boxOffice;

	@Autowired
	ReservationService reservations;

	@Autowired
	RefundService refunds;

	@Autowired
	SaleService sales;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MutableClock clock;

	@Autowired
	MeterRegistry meters;

	@Value("${concert.events.topic}")
	String topic;

	@LocalServerPort
	int port;

	/** Each reservation's events, as the sale made them: reservation → types in order. */
	final Map<UUID, List<SaleEvent.Type>> expected = new HashMap<>();

	@Test
	void everyEventOfASaleArrivesOnceTheBrokerIsBackAndNoneOfARolledBackOne() throws Exception {
		createTopic();
		OnSale sale = this.boxOffice.concertOnSale("Outbox", 12, Points.of(100));
		UUID organiser = UUID.randomUUID();

		// Before the broker dies: a hold paid and refunded, one cancelled, one left to
		// run
		// out, and one in a transaction that rolls back.
		Admission first = fan(sale);
		Reservation paid = hold(sale, 0, first);
		this.boxOffice.pay(paid, first);
		happened(paid, SaleEvent.Type.RESERVATION_PAID);
		this.refunds.refundByOrganiser(paid.id(), new dev.ticketing.common.UserId(organiser));
		happened(paid, SaleEvent.Type.PAYMENT_REFUNDED);
		Admission second = fan(sale);
		Reservation cancelled = hold(sale, 1, second);
		this.reservations.cancel(cancelled.id(), QueuePass.admitted(second));
		happened(cancelled, SaleEvent.Type.HOLD_CANCELLED);
		Reservation runsOutEarly = hold(sale, 2, fan(sale));
		Admission rolledBackFan = fan(sale);
		Reservation rolledBack = this.transactions.execute((status) -> {
			Reservation held = this.boxOffice.hold(sale.seat(3), rolledBackFan);
			status.setRollbackOnly();
			return held;
		});

		OnKafka.Broker.kill();

		// While it is dead the sale goes on: every call answers as it would.
		Admission third = fan(sale);
		Reservation paidLater = hold(sale, 4, third);
		this.boxOffice.pay(paidLater, third);
		happened(paidLater, SaleEvent.Type.RESERVATION_PAID);
		Admission fourth = fan(sale);
		Reservation cancelledLater = hold(sale, 5, fourth);
		this.reservations.cancel(cancelledLater.id(), QueuePass.admitted(fourth));
		happened(cancelledLater, SaleEvent.Type.HOLD_CANCELLED);
		Reservation runsOutLater = hold(sale, 6, fan(sale));
		this.sales.change(sale.concert(), ConcertChanges.status(SaleStatus.PAUSED));
		this.sales.change(sale.concert(), ConcertChanges.status(SaleStatus.ON_SALE));
		this.clock.advance(this.boxOffice.holdDuration().plusSeconds(1));
		assertThat(this.reservations.expireHolds()).isEqualTo(2);
		happened(runsOutEarly, SaleEvent.Type.HOLD_EXPIRED);
		happened(runsOutLater, SaleEvent.Type.HOLD_EXPIRED);

		// Nothing sent since the kill can have completed: the operator's gauge shows it.
		assertThat(this.meters.get("concert.events.pending").gauge().value()).isPositive();

		OnKafka.Broker.start();

		await().atMost(Duration.ofSeconds(90)).until(() -> pending() == 0);
		assertThat(this.meters.get("concert.events.pending").gauge().value()).isZero();
		List<JsonNode> received = consumeUntilAllArrived(sale.concert().value());

		Map<UUID, JsonNode> byId = new HashMap<>();
		int duplicates = 0;
		for (JsonNode event : received) {
			JsonNode earlier = byId.putIfAbsent(UUID.fromString(event.get("eventId").asString()), event);
			if (earlier != null) {
				duplicates++;
				assertThat(event).as("a duplicate is the same event").isEqualTo(earlier);
			}
		}
		System.out.printf("Sale events: %d received, %d distinct, %d duplicates%n", received.size(), byId.size(),
				duplicates);

		Map<UUID, List<JsonNode>> byReservation = new HashMap<>();
		List<JsonNode> saleChanges = new ArrayList<>();
		for (JsonNode event : byId.values()) {
			if (event.hasNonNull("reservationId")) {
				byReservation
					.computeIfAbsent(UUID.fromString(event.get("reservationId").asString()), (id) -> new ArrayList<>())
					.add(event);
			}
			else {
				saleChanges.add(event);
			}
		}
		assertThat(byReservation).doesNotContainKey(rolledBack.id().value());
		assertThat(byReservation.keySet()).isEqualTo(this.expected.keySet());
		this.expected.forEach((reservation, types) -> {
			List<JsonNode> events = new ArrayList<>(byReservation.get(reservation));
			events.sort((a, b) -> Integer.compare(a.get("sequence").asInt(), b.get("sequence").asInt()));
			assertThat(events).extracting((e) -> SaleEvent.Type.valueOf(e.get("type").asString()))
				.as("events of reservation %s in the order of their sequence", reservation)
				.isEqualTo(types);
			assertThat(events).extracting((e) -> e.get("sequence").asInt()).doesNotHaveDuplicates();
			assertThat(events).allSatisfy((e) -> assertThat(e.get("eventId").asString())
				.isEqualTo(SaleEvent.idOf(SaleEvent.Type.valueOf(e.get("type").asString()), reservation).toString()));
		});
		assertThat(saleChanges)
			.extracting((e) -> e.get("previousSaleStatus").asString() + " -> " + e.get("saleStatus").asString())
			.containsExactlyInAnyOrder("DRAFT -> ON_SALE", "ON_SALE -> PAUSED", "PAUSED -> ON_SALE");

		JsonSchema schema = schema();
		assertThat(received)
			.allSatisfy((event) -> assertThat(schema.validate(event.toString(), com.networknt.schema.InputFormat.JSON))
				.isEmpty());

		// One row per sale event (the externaliser's), none for the upkeep listeners that
		// run after every hold, payment and cancellation.
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM event_publication", Long.class))
			.isEqualTo(byId.size());
	}

	/** The class's topic, made before the sale rather than by the first send. */
	private void createTopic() throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, OnKafka.Broker.bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(this.topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
	}

	private Admission fan(OnSale sale) {
		return this.boxOffice.admittedFan(sale, Points.of(1_000));
	}

	private Reservation hold(OnSale sale, int seat, Admission fan) {
		Reservation held = this.boxOffice.hold(sale.seat(seat), fan);
		happened(held, SaleEvent.Type.HOLD_PLACED);
		return held;
	}

	private void happened(Reservation reservation, SaleEvent.Type type) {
		this.expected.computeIfAbsent(reservation.id().value(), (id) -> new ArrayList<>()).add(type);
	}

	private long pending() {
		Long pending = this.jdbc.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL",
				Long.class);
		return (pending != null) ? pending : -1;
	}

	/**
	 * Every message on the class's topic, read from the start, until each expected event
	 * and the sale's status changes are there (bounded: a minute).
	 */
	private List<JsonNode> consumeUntilAllArrived(UUID concert) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, OnKafka.Broker.bootstrapServers());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
		// The sale's three status changes: on sale, paused, on sale again.
		int wanted = this.expected.values().stream().mapToInt(List::size).sum() + 3;
		List<JsonNode> received = new ArrayList<>();
		Set<String> distinct = new HashSet<>();
		Instant deadline = Instant.now().plusSeconds(60);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
			consumer.subscribe(List.of(this.topic));
			while (distinct.size() < wanted && Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					JsonNode event = json.readTree(record.value());
					assertThat(record.key()).isEqualTo(event.hasNonNull("reservationId")
							? event.get("reservationId").asString() : concert.toString());
					received.add(event);
					distinct.add(event.get("eventId").asString());
				}
			}
		}
		assertThat(distinct).hasSize(wanted);
		return received;
	}

	/** The schema as the service publishes it, to anyone. */
	private JsonSchema schema() {
		String published = RestClient.create("http://127.0.0.1:" + this.port)
			.get()
			.uri("/sale-events.schema.json")
			.retrieve()
			.body(String.class);
		return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(published);
	}

}
