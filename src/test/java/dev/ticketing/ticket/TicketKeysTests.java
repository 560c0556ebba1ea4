package dev.ticketing.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.SettingRefusedFailureAnalyzer;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;
import dev.ticketing.reservation.ReservationId;
import dev.ticketing.support.IsolatedStores;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The ticket keys from configuration: a pair that is not a pair, a key missing where one
 * is required, and a rotation, each with what it does to the codes.
 */
@ExtendWith(OutputCaptureExtension.class)
class TicketKeysTests {

	static final String PRIVATE = IsolatedStores.TICKET_PRIVATE_KEY;

	static final String PUBLIC = IsolatedStores.TICKET_PUBLIC_KEY;

	static final String NEW_PRIVATE = """
			-----BEGIN PRIVATE KEY-----
			MC4CAQAwBQYDK2VwBCIEIMj1mwZBVrnh5zYDaO7SgISSiYz/5h4VQtTevt7w91Dn
			-----END PRIVATE KEY-----
			""";

	static final String NEW_PUBLIC = """
			-----BEGIN PUBLIC KEY-----
			MCowBQYDK2VwAyEAbGfRy/YNmmjZWqNRBm1Qe7iGd5ZokjGte9QY/Bbp7Q8=
			-----END PUBLIC KEY-----
			""";

	static final Ticket TICKET = new Ticket(TicketId.random(), ReservationId.random(), new ConcertId(UUID.randomUUID()),
			new ConcertDateId(1), new SeatId(7), new UserId(UUID.randomUUID()), 1, Ticket.Status.VALID, Instant.now(),
			null);

	@Test
	void aConfiguredPairSignsCodesThatItsPublishedKeyVerifies() {
		TicketKeys keys = TicketKeys.of(PRIVATE, PUBLIC, List.of());
		TicketCodes codes = new TicketCodes(keys);
		TicketCodes.Scanned scanned = codes.read(codes.sign(TICKET, TicketCodes.Kind.PHONE, 42, "A-1-7"));
		assertThat(scanned.ticket()).isEqualTo(TICKET.id());
		assertThat(scanned.step()).isEqualTo(42);
		assertThat(keys.published()).singleElement()
			.satisfies((key) -> assertThat(key.id()).isEqualTo(keys.currentId()));
	}

	@Test
	void aPublicKeyThatIsNotThePrivateKeysStopsTheStartWithoutShowingTheKey() {
		TicketProperties mismatched = properties(PRIVATE, NEW_PUBLIC, List.of(), true);
		TicketKeys.KeyRefused refused = catchThrowableOfType(TicketKeys.KeyRefused.class,
				() -> TicketKeys.forStartup(mismatched, true));
		assertThat(refused.getMessage()).contains("concert.tickets.public-key is not the public key")
			.doesNotContain("MC4CAQAwBQYDK2VwBCIEI");
		assertThat(mismatched.toString()).doesNotContain("MC4CAQAwBQYDK2VwBCIEI").contains("privateKey=(set)");
	}

	@Test
	void aMissingKeyStopsTheStartWhereRequiredAndSaysWhatToDo() {
		TicketProperties none = properties("", "", List.of(), true);
		TicketKeys.KeyRefused refused = catchThrowableOfType(TicketKeys.KeyRefused.class,
				() -> TicketKeys.forStartup(none, true));
		FailureAnalysis analysis = new SettingRefusedFailureAnalyzer().analyze(refused);
		assertThat(analysis.getDescription()).contains("concert.tickets.private-key");
		assertThat(analysis.getAction()).contains("openssl genpkey -algorithm ed25519");
		assertThat(TicketKeys.forStartup(none, false)).as("a command signs no code").isNotNull();
		assertThatExceptionOfType(TicketKeys.KeyRefused.class)
			.isThrownBy(() -> TicketKeys.forStartup(properties(PRIVATE, "", List.of(), false), true))
			.withMessageContaining("set together");
	}

	@Test
	void withoutAKeyEmbeddedModeDrawsOneAndSaysSo(CapturedOutput output) {
		TicketKeys drawn = TicketKeys.forStartup(properties("", "", List.of(), false), true);
		TicketCodes codes = new TicketCodes(drawn);
		assertThat(codes.read(codes.sign(TICKET, TicketCodes.Kind.PRINTED, 0, null)).kind())
			.isEqualTo(TicketCodes.Kind.PRINTED);
		assertThat(output).contains("concert.tickets.private-key is not set");
	}

	@Test
	void afterARotationOldCodesOpenWhileTheOldPublicKeyIsListedAndNotAfter() {
		String old = new TicketCodes(TicketKeys.of(PRIVATE, PUBLIC, List.of())).sign(TICKET, TicketCodes.Kind.PRINTED,
				0, null);
		TicketKeys rotated = TicketKeys.of(NEW_PRIVATE, NEW_PUBLIC, List.of(PUBLIC));
		assertThat(new TicketCodes(rotated).read(old).ticket()).isEqualTo(TICKET.id());
		assertThat(rotated.published()).hasSize(2)
			.first()
			.satisfies((key) -> assertThat(key.id()).isEqualTo(rotated.currentId()));

		TicketCodes retired = new TicketCodes(TicketKeys.of(NEW_PRIVATE, NEW_PUBLIC, List.of()));
		ProblemException refused = catchThrowableOfType(ProblemException.class, () -> retired.read(old));
		assertThat(refused.code()).isEqualTo("INVALID_TICKET_CODE");
	}

	@Test
	void aKeyListedTwiceIsRefused() {
		assertThatExceptionOfType(TicketKeys.KeyRefused.class)
			.isThrownBy(() -> TicketKeys.forStartup(properties(PRIVATE, PUBLIC, List.of(PUBLIC), true), true))
			.withMessageContaining("given twice");
	}

	private static TicketProperties properties(String privateKey, String publicKey, List<String> previous,
			boolean required) {
		return new TicketProperties(privateKey, publicKey, previous, required, Duration.ofSeconds(30), 1);
	}

}
