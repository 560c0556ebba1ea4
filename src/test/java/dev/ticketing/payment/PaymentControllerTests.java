package dev.ticketing.payment;

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
import dev.ticketing.point.InsufficientBalance;
import dev.ticketing.queue.AdmissionTestConfiguration;
import dev.ticketing.queue.QueueService;
import dev.ticketing.reservation.ReservationId;
import dev.ticketing.reservation.ReservationProblems;
import dev.ticketing.idempotency.IdempotentRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.ticketing.support.Problems.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(PaymentController.class)
@Import({ AdmissionTestConfiguration.class, SignInTestConfiguration.class })
class PaymentControllerTests {

	private static final ConcertId CONCERT = new ConcertId(UUID.fromString("3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11"));

	private static final UserId USER = new UserId(UUID.fromString("8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10"));

	private static final ReservationId RESERVATION = new ReservationId(
			UUID.fromString("5e8a1c2d-3f4b-4a6c-9d7e-0f1a2b3c4d5e"));

	private static final UUID PAYMENT = UUID.fromString("c0ffee00-1234-4abc-8def-000000000001");

	private static final String TOKEN = "a-token";

	private static final String PAY = "/api/v1/payments/5e8a1c2d-3f4b-4a6c-9d7e-0f1a2b3c4d5e";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	IdempotentRequests idempotent;

	@MockitoBean
	PaymentService payments;

	@MockitoBean
	QueueService queue;

	@Test
	void paysAndAnswersWithPaymentIdReservationIdAmountAndStatus() throws Exception {
		admitted();
		given(this.payments.pay(eq(RESERVATION), bearer(new Admission(CONCERT, USER)))).willReturn(new Payment(PAYMENT,
				RESERVATION, USER, Points.of(50_000), Instant.parse("2027-03-01T10:01:00Z"), PaymentStatus.COMPLETED));
		this.mvc.perform(pay())
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.paymentId").value(PAYMENT.toString()))
			.andExpect(jsonPath("$.reservationId").value(RESERVATION.toString()))
			.andExpect(jsonPath("$.amount").value(50_000))
			.andExpect(jsonPath("$.status").value("COMPLETED"));
	}

	@Test
	void acceptsPaymentWithAnIgnoredJsonBody() throws Exception {
		admitted();
		given(this.payments.pay(any(), any()))
			.willReturn(new Payment(PAYMENT, RESERVATION, USER, Points.of(1), Instant.now(), PaymentStatus.COMPLETED));
		this.mvc.perform(pay().contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isOk());
	}

	@Test
	void rejectsPaymentBeyondBalanceWith409InsufficientBalance() throws Exception {
		admitted();
		given(this.payments.pay(any(), any())).willThrow(InsufficientBalance.forPaying(USER, Points.of(50_000)));
		this.mvc.perform(pay()).andExpect(problem(409, "INSUFFICIENT_BALANCE"));
	}

	@Test
	void rejectsPaymentOfUnknownOrOthersReservationWith404ReservationNotFound() throws Exception {
		admitted();
		given(this.payments.pay(any(), any())).willThrow(ReservationProblems.notFound(RESERVATION));
		this.mvc.perform(pay()).andExpect(problem(404, "RESERVATION_NOT_FOUND"));
	}

	@Test
	void rejectsPaymentOfExpiredHoldWith410HoldExpired() throws Exception {
		admitted();
		given(this.payments.pay(any(), any())).willThrow(ReservationProblems.holdExpired(RESERVATION));
		this.mvc.perform(pay()).andExpect(problem(410, "HOLD_EXPIRED"));
	}

	@Test
	void rejectsPaymentOfReservationOfAnotherConcertWith403TokenConcertMismatch() throws Exception {
		admitted();
		ConcertId other = new ConcertId(UUID.fromString("a4d2e6f8-1b3c-4d5e-8f90-123456789abc"));
		given(this.payments.pay(any(), any())).willAnswer((call) -> {
			QueuePass holder = call.getArgument(1);
			holder.requireHolderOf(other, 1);
			return null;
		});
		this.mvc.perform(pay()).andExpect(problem(403, "TOKEN_CONCERT_MISMATCH"));
	}

	@Test
	void rejectsPaymentWithoutAuthorizationWith401InvalidToken() throws Exception {
		this.mvc.perform(post(PAY)).andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.payments, never()).pay(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Bearer ", "Basic Zm9vOmJhcg==", "a-token" })
	void rejectsPaymentWithNonBearerAuthorizationWith401InvalidToken(String authorization) throws Exception {
		this.mvc.perform(post(PAY).header(HttpHeaders.AUTHORIZATION, authorization))
			.andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.payments, never()).pay(any(), any());
	}

	@Test
	void rejectsPaymentWithUnknownTokenWith401InvalidToken() throws Exception {
		given(this.queue.pass(TOKEN)).willThrow(new ProblemException(401, "INVALID_TOKEN", "Invalid", "bad"));
		this.mvc.perform(pay()).andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.payments, never()).pay(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "TOKEN_EXPIRED", "QUEUE_WAITING", "STORE_UNAVAILABLE" })
	void paysTheHoldOfATokenWhoseAdmissionEndedAsItsHoldersRightToPay(String refusal) throws Exception {
		given(this.queue.pass(TOKEN)).willReturn(QueuePass.notAdmitted(new Admission(CONCERT, USER),
				new ProblemException(401, refusal, "Not admitted", "not now")));
		given(this.payments.pay(eq(RESERVATION), bearer(new Admission(CONCERT, USER)))).willReturn(new Payment(PAYMENT,
				RESERVATION, USER, Points.of(50_000), Instant.parse("2027-03-01T10:01:00Z"), PaymentStatus.COMPLETED));
		this.mvc.perform(pay()).andExpect(status().isOk()).andExpect(jsonPath("$.paymentId").value(PAYMENT.toString()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "nope", "42", "-1", "0", "1-1-1-1-1", "5e8a1c2d-3f4b-4a6c-9d7e-0f1a2b3c4d5g" })
	void rejectsPaymentOfNonUuidReservationIdWith400InvalidId(String reservationId) throws Exception {
		admitted();
		this.mvc.perform(post("/api/v1/payments/" + reservationId).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(400, "INVALID_ID"));
		verify(this.payments, never()).pay(any(), any());
	}

	@Test
	void rejectsGetOnPaymentWith405MethodNotAllowed() throws Exception {
		this.mvc.perform(get(PAY).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(405, "METHOD_NOT_ALLOWED"));
	}

	@Test
	void rejectsPaymentBodyOver16KilobytesWith413PayloadTooLarge() throws Exception {
		admitted();
		this.mvc.perform(pay().contentType(MediaType.APPLICATION_JSON).content("\"" + "x".repeat(17 * 1024) + "\""))
			.andExpect(problem(413, "PAYLOAD_TOO_LARGE"));
		verify(this.payments, never()).pay(any(), any());
	}

	private void admitted() {
		given(this.queue.admit(TOKEN)).willReturn(new Admission(CONCERT, USER));
		given(this.queue.pass(TOKEN)).willReturn(QueuePass.admitted(new Admission(CONCERT, USER)));
	}

	private static MockHttpServletRequestBuilder pay() {
		return post(PAY).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
	}

	/** A queue pass of {@code bearer}. */
	private static QueuePass bearer(Admission bearer) {
		return argThat((pass) -> pass.bearer().equals(bearer));
	}

}
