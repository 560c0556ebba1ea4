package dev.ticketing.reservation;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.identity.SignInTestConfiguration;
import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.QueuePass;
import dev.ticketing.common.UserId;
import dev.ticketing.concert.CatalogNotFound;
import dev.ticketing.concert.ConcertDateId;
import dev.ticketing.concert.SeatId;
import dev.ticketing.concert.SeatUnavailable;
import dev.ticketing.queue.AdmissionTestConfiguration;
import dev.ticketing.queue.QueueService;
import dev.ticketing.idempotency.IdempotentRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

import static dev.ticketing.support.Problems.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ReservationController.class)
@Import({ AdmissionTestConfiguration.class, SignInTestConfiguration.class })
class ReservationControllerTests {

	private static final ConcertId CONCERT = new ConcertId(UUID.fromString("3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11"));

	private static final ConcertId OTHER_CONCERT = new ConcertId(
			UUID.fromString("a4d2e6f8-1b3c-4d5e-8f90-123456789abc"));

	private static final UserId USER = new UserId(UUID.fromString("8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10"));

	private static final ReservationId RESERVATION = new ReservationId(
			UUID.fromString("5e8a1c2d-3f4b-4a6c-9d7e-0f1a2b3c4d5e"));

	private static final String TOKEN = "a-token";

	private static final String HOLD = "/api/v1/reservations/seats/42";

	private static final String BODY = "{\"concertId\":\"3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11\",\"concertDateId\":7}";

	private static final String CANCEL = "/api/v1/reservations/" + "5e8a1c2d-3f4b-4a6c-9d7e-0f1a2b3c4d5e";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	IdempotentRequests idempotent;

	@MockitoBean
	ReservationService reservations;

	@MockitoBean
	QueueService queue;

	@Test
	void holdsSeatAndAnswersWithReservationIdSeatIdStatusHeldExpiresAtAndPrice() throws Exception {
		admitted();
		Instant now = Instant.parse("2027-03-01T10:00:00Z");
		Reservation held = new Reservation(RESERVATION, USER, CONCERT, new ConcertDateId(7), new SeatId(42),
				Points.of(50_000), ReservationStatus.HELD, now, now.plusSeconds(300), 1);
		given(this.reservations.hold(new HoldSeat(CONCERT, new ConcertDateId(7), new SeatId(42)),
				new Admission(CONCERT, USER)))
			.willReturn(held);
		this.mvc.perform(hold(BODY))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.reservationId").value(RESERVATION.toString()))
			.andExpect(jsonPath("$.seatId").value(42))
			.andExpect(jsonPath("$.status").value("HELD"))
			.andExpect(jsonPath("$.expiresAt").value("2027-03-01T10:05:00Z"))
			.andExpect(jsonPath("$.price").value(50_000));
	}

	@Test
	void rejectsHoldOfSeatHeldOrSoldWith409SeatUnavailable() throws Exception {
		admitted();
		given(this.reservations.hold(any(), any())).willThrow(SeatUnavailable.forSeat(new SeatId(42)));
		// The controller answers this refusal itself: the document is the one the
		// exception handler gives every other refusal.
		this.mvc.perform(hold(BODY))
			.andExpect(problem(409, "SEAT_UNAVAILABLE"))
			.andExpect(jsonPath("$.title").value("Seat unavailable"))
			.andExpect(jsonPath("$.detail").value("Seat 42 is held or sold"))
			.andExpect(jsonPath("$.instance").value("/api/v1/reservations/seats/42"))
			.andExpect(jsonPath("$.type").doesNotExist())
			.andExpect(header().exists(HttpHeaders.CONTENT_LENGTH));
	}

	@Test
	void rejectsHoldOfSeatNotAtThatDateWith404SeatNotFound() throws Exception {
		admitted();
		given(this.reservations.hold(any(), any())).willThrow(CatalogNotFound.seat(new SeatId(42)));
		this.mvc.perform(hold(BODY)).andExpect(problem(404, "SEAT_NOT_FOUND"));
	}

	@Test
	void rejectsHoldForAnotherConcertThanTheTokensWith403TokenConcertMismatch() throws Exception {
		given(this.queue.pass(TOKEN)).willReturn(QueuePass.admitted(new Admission(OTHER_CONCERT, USER)));
		given(this.reservations.hold(any(), any())).willAnswer((call) -> {
			HoldSeat command = call.getArgument(0);
			Admission admission = call.getArgument(1);
			admission.requireConcert(command.concertId());
			return null;
		});
		this.mvc.perform(hold(BODY)).andExpect(problem(403, "TOKEN_CONCERT_MISMATCH"));
	}

	@Test
	void rejectsHoldWithoutAuthorizationWith401InvalidToken() throws Exception {
		this.mvc.perform(post(HOLD).contentType(MediaType.APPLICATION_JSON).content(BODY))
			.andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@Test
	void rejectsHoldWithGarbageAuthorizationWith401InvalidToken() throws Exception {
		this.mvc
			.perform(post(HOLD).header(HttpHeaders.AUTHORIZATION, "Basic Zm9vOmJhcg==")
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY))
			.andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@Test
	void rejectsHoldWithUnknownTokenWith401InvalidToken() throws Exception {
		given(this.queue.pass(TOKEN)).willThrow(new ProblemException(401, "INVALID_TOKEN", "Invalid", "bad"));
		this.mvc.perform(hold(BODY)).andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@Test
	void rejectsHoldWithExpiredTokenWith401TokenExpired() throws Exception {
		notAdmitted(new ProblemException(401, "TOKEN_EXPIRED", "Expired", "gone"));
		this.mvc.perform(hold(BODY)).andExpect(problem(401, "TOKEN_EXPIRED"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@Test
	void rejectsHoldWhileWaitingInQueueWith403QueueWaiting() throws Exception {
		notAdmitted(new ProblemException(403, "QUEUE_WAITING", "Waiting", "position 2"));
		this.mvc.perform(hold(BODY)).andExpect(problem(403, "QUEUE_WAITING"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "-42" })
	void rejectsHoldOfNonPositiveSeatIdWith400InvalidId(String seatId) throws Exception {
		admitted();
		this.mvc
			.perform(post("/api/v1/reservations/seats/" + seatId).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY))
			.andExpect(problem(400, "INVALID_ID"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "4.2", "99999999999999999999", "3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11" })
	void rejectsHoldOfNonNumericSeatIdWith400InvalidParameter(String seatId) throws Exception {
		admitted();
		this.mvc
			.perform(post("/api/v1/reservations/seats/" + seatId).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
				.contentType(MediaType.APPLICATION_JSON)
				.content(BODY))
			.andExpect(problem(400, "INVALID_PARAMETER"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"concertId\":\"nope\",\"concertDateId\":7}",
			"{\"concertId\":\"1-1-1-1-1\",\"concertDateId\":7}", "{\"concertId\":\"\",\"concertDateId\":7}",
			"{\"concertId\":\"3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11\",\"concertDateId\":0}",
			"{\"concertId\":\"3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11\",\"concertDateId\":-7}" })
	void rejectsHoldWithInvalidIdsInBodyWith400InvalidId(String body) throws Exception {
		admitted();
		this.mvc.perform(hold(body)).andExpect(problem(400, "INVALID_ID"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "{", "null", "[]", "{}", "{\"concertId\":\"3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11\"}",
			"{\"concertDateId\":7}",
			"{\"concertId\":\"3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11\",\"concertDateId\":\"abc\"}",
			"{\"concertId\":\"3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11\",\"concertDateId\":7.5}",
			"{\"concertId\":\"3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11\",\"concertDateId\":true}",
			"{\"concertId\":\"3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11\",\"concertDateId\":1e30}",
			"{\"concertId\":{\"id\":1},\"concertDateId\":7}", "{\"concertId\":[],\"concertDateId\":7}" })
	void rejectsHoldWithMalformedOrIncompleteBodyWith400MalformedBody(String body) throws Exception {
		admitted();
		this.mvc.perform(hold(body)).andExpect(problem(400, "MALFORMED_BODY"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@Test
	void rejectsHoldAsTextPlainWith415UnsupportedMediaType() throws Exception {
		admitted();
		this.mvc
			.perform(post(HOLD).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
				.contentType(MediaType.TEXT_PLAIN)
				.content(BODY))
			.andExpect(problem(415, "UNSUPPORTED_MEDIA_TYPE"));
	}

	@Test
	void rejectsHoldBodyOver16KilobytesWith413PayloadTooLarge() throws Exception {
		admitted();
		String body = BODY.replace("}", ",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}");
		this.mvc.perform(hold(body)).andExpect(problem(413, "PAYLOAD_TOO_LARGE"));
		verify(this.reservations, never()).hold(any(), any());
	}

	@Test
	void rejectsGetOnHoldWith405MethodNotAllowed() throws Exception {
		this.mvc.perform(get(HOLD).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(405, "METHOD_NOT_ALLOWED"));
	}

	@Test
	void cancelsOwnHoldWith204() throws Exception {
		admitted();
		this.mvc.perform(delete(CANCEL).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isNoContent());
		verify(this.reservations).cancel(eq(RESERVATION), bearer(new Admission(CONCERT, USER)));
	}

	@Test
	void rejectsCancelOfUnknownOrOthersReservationWith404ReservationNotFound() throws Exception {
		admitted();
		willThrow(ReservationProblems.notFound(RESERVATION)).given(this.reservations).cancel(any(), any());
		this.mvc.perform(delete(CANCEL).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(404, "RESERVATION_NOT_FOUND"));
	}

	@Test
	void rejectsCancelOfPaidReservationWith409ReservationConfirmed() throws Exception {
		admitted();
		willAnswer((call) -> {
			throw ProblemException.conflict("RESERVATION_CONFIRMED", "paid");
		}).given(this.reservations).cancel(any(), any());
		this.mvc.perform(delete(CANCEL).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(409, "RESERVATION_CONFIRMED"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "nope", "42", "-1", "1-1-1-1-1" })
	void rejectsCancelOfNonUuidReservationIdWith400InvalidId(String reservationId) throws Exception {
		admitted();
		this.mvc
			.perform(delete("/api/v1/reservations/" + reservationId).header(HttpHeaders.AUTHORIZATION,
					"Bearer " + TOKEN))
			.andExpect(problem(400, "INVALID_ID"));
		verify(this.reservations, never()).cancel(any(), any());
	}

	@Test
	void rejectsCancelWithoutAuthorizationWith401InvalidToken() throws Exception {
		this.mvc.perform(delete(CANCEL)).andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.reservations, never()).cancel(any(), any());
	}

	@Test
	void cancelsOwnHoldWithATokenThatIsNotAdmittedAnyMoreWith204() throws Exception {
		notAdmitted(new ProblemException(403, "QUEUE_WAITING", "Waiting", "position 2"));
		this.mvc.perform(delete(CANCEL).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isNoContent());
		verify(this.reservations).cancel(eq(RESERVATION), bearer(new Admission(CONCERT, USER)));
	}

	/** A queue pass of {@code bearer}. */
	private static QueuePass bearer(Admission bearer) {
		return argThat((pass) -> pass.bearer().equals(bearer));
	}

	private void admitted() {
		given(this.queue.pass(TOKEN)).willReturn(QueuePass.admitted(new Admission(CONCERT, USER)));
	}

	private void notAdmitted(ProblemException refusal) {
		given(this.queue.pass(TOKEN)).willReturn(QueuePass.notAdmitted(new Admission(CONCERT, USER), refusal));
	}

	private static RequestBuilder hold(String body) {
		return post(HOLD).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

}
