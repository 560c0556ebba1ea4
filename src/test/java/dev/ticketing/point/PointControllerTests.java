package dev.ticketing.point;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.identity.SignInTestConfiguration;
import dev.ticketing.common.Points;
import dev.ticketing.common.UserId;
import dev.ticketing.idempotency.IdempotencyKey;
import dev.ticketing.idempotency.IdempotentRequests;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.ticketing.identity.SignInTestConfiguration.signedInAs;
import static dev.ticketing.support.Problems.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(PointController.class)
@Import(SignInTestConfiguration.class)
class PointControllerTests {

	private static final UserId USER = new UserId(UUID.fromString("8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10"));

	private static final String BALANCE = "/api/v1/users/" + USER + "/points";

	private static final String CHARGE = BALANCE + "/charge";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	IdempotentRequests idempotent;

	@MockitoBean
	PointService points;

	@Test
	void showsBalanceWithUserIdAndBalance() throws Exception {
		given(this.points.balance(USER)).willReturn(Points.of(7_000));
		this.mvc.perform(get(BALANCE).with(signedInAs(USER)))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.userId").value(USER.toString()))
			.andExpect(jsonPath("$.balance").value(7_000));
	}

	@Test
	void rejectsBalanceOfUnknownUserWith404UserNotFound() throws Exception {
		given(this.points.balance(USER)).willThrow(WalletProblems.unknownUser(USER));
		this.mvc.perform(get(BALANCE).with(signedInAs(USER))).andExpect(problem(404, "USER_NOT_FOUND"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-uuid", "1-1-1-1-1", "12345", "8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d1z",
			"8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10x" })
	void rejectsBalanceOfNonUuidUserIdWith400InvalidId(String userId) throws Exception {
		this.mvc.perform(get("/api/v1/users/" + userId + "/points").with(signedInAs(USER)))
			.andExpect(problem(400, "INVALID_ID"));
		verify(this.points, never()).balance(any());
	}

	@Test
	void rejectsDeleteOnBalanceWith405MethodNotAllowed() throws Exception {
		this.mvc.perform(delete(BALANCE).with(signedInAs(USER))).andExpect(problem(405, "METHOD_NOT_ALLOWED"));
	}

	@Test
	void chargesAndAnswersWithUserIdAndNewBalance() throws Exception {
		given(this.points.charge(USER, 5_000)).willReturn(Points.of(12_000));
		this.mvc
			.perform(post(CHARGE).with(signedInAs(USER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"amount\":5000}"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.userId").value(USER.toString()))
			.andExpect(jsonPath("$.balance").value(12_000));
	}

	@Test
	void acceptsChargeBodyWithUnknownExtraFields() throws Exception {
		given(this.points.charge(USER, 10)).willReturn(Points.of(10));
		this.mvc
			.perform(post(CHARGE).with(signedInAs(USER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"amount\":10,\"note\":\"gift\"}"))
			.andExpect(status().isOk());
	}

	@ParameterizedTest
	@ValueSource(longs = { -1, 0, 10_000_001, Long.MAX_VALUE })
	void rejectsChargeOfNonPositiveOrAbsurdAmountWith400InvalidAmount(long amount) throws Exception {
		given(this.points.charge(USER, amount)).willThrow(WalletProblems.invalidCharge(10_000_000));
		this.mvc
			.perform(post(CHARGE).with(signedInAs(USER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"amount\":" + amount + "}"))
			.andExpect(problem(400, "INVALID_AMOUNT"));
	}

	@Test
	void rejectsChargeOfNegativeAmountWith400InvalidAmount() throws Exception {
		given(this.points.charge(USER, -500)).willThrow(WalletProblems.invalidCharge(10_000_000));
		this.mvc
			.perform(post(CHARGE).with(signedInAs(USER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"amount\":-500}"))
			.andExpect(problem(400, "INVALID_AMOUNT"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{}", "{\"amount\":null}", "{\"other\":5}" })
	void rejectsChargeWithoutAmountWith400InvalidAmount(String body) throws Exception {
		this.mvc.perform(post(CHARGE).with(signedInAs(USER)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(problem(400, "INVALID_AMOUNT"));
		verify(this.points, never()).charge(any(), anyLong());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "{", "{\"amount\":}", "amount=5", "null", "[]", "[5000]", "5000", "\"5000\"",
			"{\"amount\":\"abc\"}", "{\"amount\":1.5}", "{\"amount\":1e30}", "{\"amount\":99999999999999999999}",
			"{\"amount\":true}", "{\"amount\":[1]}", "{\"amount\":{\"value\":1}}", "{\"amount\":5000}}" })
	void rejectsMalformedOrMistypedChargeBodyWith400MalformedBody(String body) throws Exception {
		this.mvc.perform(post(CHARGE).with(signedInAs(USER)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(problem(400, "MALFORMED_BODY"));
		verify(this.points, never()).charge(any(), anyLong());
	}

	@Test
	void rejectsChargeOfUnknownUserWith404UserNotFound() throws Exception {
		given(this.points.charge(USER, 100)).willThrow(WalletProblems.unknownUser(USER));
		this.mvc.perform(
				post(CHARGE).with(signedInAs(USER)).contentType(MediaType.APPLICATION_JSON).content("{\"amount\":100}"))
			.andExpect(problem(404, "USER_NOT_FOUND"));
	}

	@Test
	void rejectsChargeBeyondBalanceCapWith409BalanceLimitExceeded() throws Exception {
		given(this.points.charge(USER, 100)).willThrow(WalletProblems.limitExceeded(USER, 1_000));
		this.mvc.perform(
				post(CHARGE).with(signedInAs(USER)).contentType(MediaType.APPLICATION_JSON).content("{\"amount\":100}"))
			.andExpect(problem(409, "BALANCE_LIMIT_EXCEEDED"));
	}

	@Test
	void rejectsChargeOfNonUuidUserIdWith400InvalidId() throws Exception {
		this.mvc
			.perform(post("/api/v1/users/-1/points/charge").with(signedInAs(USER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"amount\":100}"))
			.andExpect(problem(400, "INVALID_ID"));
		verify(this.points, never()).charge(any(), anyLong());
	}

	@Test
	void rejectsChargeAsTextPlainWith415UnsupportedMediaType() throws Exception {
		this.mvc
			.perform(post(CHARGE).with(signedInAs(USER)).contentType(MediaType.TEXT_PLAIN).content("{\"amount\":100}"))
			.andExpect(problem(415, "UNSUPPORTED_MEDIA_TYPE"));
	}

	@Test
	void rejectsChargeAsFormWith415UnsupportedMediaType() throws Exception {
		this.mvc
			.perform(post(CHARGE).with(signedInAs(USER))
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("amount=100"))
			.andExpect(problem(415, "UNSUPPORTED_MEDIA_TYPE"));
	}

	@Test
	void rejectsChargeBodyOver16KilobytesWith413PayloadTooLarge() throws Exception {
		String body = "{\"amount\":100,\"pad\":\"" + "x".repeat(16 * 1024) + "\"}";
		this.mvc.perform(post(CHARGE).with(signedInAs(USER)).contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(problem(413, "PAYLOAD_TOO_LARGE"));
		verify(this.points, never()).charge(any(), anyLong());
	}

	@Test
	void rejectsGetOnChargeWith405MethodNotAllowed() throws Exception {
		this.mvc.perform(get(CHARGE).with(signedInAs(USER))).andExpect(problem(405, "METHOD_NOT_ALLOWED"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "two words", "tab\there", "caf\u00e9" })
	void rejectsChargeWithAnIdempotencyKeyThatIsNoVisibleAsciiWith400InvalidIdempotencyKey(String key)
			throws Exception {
		this.mvc.perform(charge(100).header("Idempotency-Key", key)).andExpect(problem(400, "INVALID_IDEMPOTENCY_KEY"));
		verify(this.points, never()).charge(any(), anyLong());
		verifyNoInteractions(this.idempotent);
	}

	@ParameterizedTest
	@ValueSource(strings = { "line\u000bbreak", "\u007f", "nul\u0000" })
	void rejectsChargeWithControlCharactersInTheIdempotencyKeyBeforeAnythingRuns(String key) throws Exception {
		// Spring Security's firewall (and before it the servlet container) refuses such
		// header values itself.
		this.mvc.perform(charge(100).header("Idempotency-Key", key)).andExpect(status().isBadRequest());
		verify(this.points, never()).charge(any(), anyLong());
		verifyNoInteractions(this.idempotent);
	}

	@Test
	void rejectsChargeWithAnIdempotencyKeyLongerThan255CharactersWith400InvalidIdempotencyKey() throws Exception {
		this.mvc.perform(charge(100).header("Idempotency-Key", "k".repeat(256)))
			.andExpect(problem(400, "INVALID_IDEMPOTENCY_KEY"));
		verify(this.points, never()).charge(any(), anyLong());
		verifyNoInteractions(this.idempotent);
	}

	@Test
	void rejectsChargeWithTwoIdempotencyKeysWith400InvalidIdempotencyKey() throws Exception {
		this.mvc.perform(charge(100).header("Idempotency-Key", "one", "two"))
			.andExpect(problem(400, "INVALID_IDEMPOTENCY_KEY"));
		verify(this.points, never()).charge(any(), anyLong());
		verifyNoInteractions(this.idempotent);
	}

	@ParameterizedTest
	@ValueSource(strings = { "k", "8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10", "!~\"{}[]<>?/\\|^`'" })
	void chargesWithAValidIdempotencyKeyUnderTheSignedInUsersName(String key) throws Exception {
		givenTheIdempotentCallAnswersOk();
		this.mvc.perform(charge(100).header("Idempotency-Key", key)).andExpect(status().isOk());
		verify(this.idempotent).runInTransaction(
				eq(new IdempotentRequests.Call(USER, new IdempotencyKey(key), "POST", CHARGE, "amount=100")), any());
	}

	@Test
	void acceptsAnIdempotencyKeyOf255Characters() throws Exception {
		givenTheIdempotentCallAnswersOk();
		this.mvc.perform(charge(100).header("Idempotency-Key", "~".repeat(255))).andExpect(status().isOk());
	}

	@Test
	void keepsAnOrganisersIdempotencyKeyUnderTheOrganisersNameNotTheWalletOwners() throws Exception {
		UserId organiser = new UserId(UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"));
		givenTheIdempotentCallAnswersOk();
		this.mvc.perform(charge(100).with(signedInAs(organiser, "ORGANISER")).header("Idempotency-Key", "k"))
			.andExpect(status().isOk());
		verify(this.idempotent).runInTransaction(
				eq(new IdempotentRequests.Call(organiser, new IdempotencyKey("k"), "POST", CHARGE, "amount=100")),
				any());
	}

	@Test
	void chargesWithoutAnIdempotencyKeyAsBefore() throws Exception {
		given(this.points.charge(USER, 100)).willReturn(Points.of(100));
		this.mvc.perform(charge(100)).andExpect(status().isOk()).andExpect(jsonPath("$.balance").value(100));
		verifyNoInteractions(this.idempotent);
	}

	private void givenTheIdempotentCallAnswersOk() {
		given(this.idempotent.runInTransaction(any(), any())).willReturn(ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"userId\":\"x\",\"balance\":1}".getBytes(StandardCharsets.UTF_8)));
	}

	private static MockHttpServletRequestBuilder charge(long amount) {
		return post(CHARGE).with(signedInAs(USER))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"amount\":" + amount + "}");
	}

	@Test
	void rejectsUnknownPathWith404NotFound() throws Exception {
		this.mvc.perform(get(BALANCE + "/history").with(signedInAs(USER))).andExpect(problem(404, "NOT_FOUND"));
	}

}
