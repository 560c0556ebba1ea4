package dev.ticketing.queue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.identity.SignInTestConfiguration;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserEnrolment;
import dev.ticketing.common.UserId;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.ticketing.identity.SignInTestConfiguration.signedInAs;
import static dev.ticketing.support.Problems.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(QueueController.class)
@Import(SignInTestConfiguration.class)
class QueueControllerTests {

	private static final ConcertId CONCERT = new ConcertId(UUID.fromString("3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11"));

	private static final UserId USER = new UserId(UUID.fromString("8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10"));

	private static final String TOKEN = "a-token";

	private static final String ISSUE = "/api/v1/queue/concerts/" + CONCERT + "/users/" + USER;

	private static final String STATUS = "/api/v1/queue/concerts/" + CONCERT;

	@Autowired
	MockMvc mvc;

	@MockitoBean
	QueueService queue;

	@MockitoBean
	QueueStreams streams;

	@MockitoBean
	UserEnrolment users;

	@Test
	void issuesWaitingTokenWith201TokenIdStatusPositionAndEstimatedWait() throws Exception {
		given(this.queue.issue(CONCERT, USER))
			.willReturn(new QueueTicket(TOKEN, QueueState.WAITING, 3, 600, 5, null, null));
		this.mvc.perform(post(ISSUE).with(signedInAs(USER)))
			.andExpect(status().isCreated())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.tokenId").value(TOKEN))
			.andExpect(jsonPath("$.status").value("WAITING"))
			.andExpect(jsonPath("$.position").value(3))
			.andExpect(jsonPath("$.estimatedWaitSeconds").value(600))
			.andExpect(jsonPath("$.activeUntil").doesNotExist());
	}

	@Test
	void issuesActiveTokenWithPositionZeroAndActiveUntil() throws Exception {
		given(this.queue.issue(CONCERT, USER)).willReturn(
				new QueueTicket(TOKEN, QueueState.ACTIVE, 0, 0, 5, Instant.parse("2027-03-01T10:10:00Z"), null));
		this.mvc.perform(post(ISSUE).with(signedInAs(USER)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.tokenId").value(TOKEN))
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.position").value(0))
			.andExpect(jsonPath("$.estimatedWaitSeconds").value(0))
			.andExpect(jsonPath("$.activeUntil").value("2027-03-01T10:10:00Z"));
	}

	@Test
	void rejectsTokenForUnknownConcertWith404ConcertNotFound() throws Exception {
		given(this.queue.issue(CONCERT, USER)).willThrow(ProblemException.notFound("CONCERT_NOT_FOUND", "none"));
		this.mvc.perform(post(ISSUE).with(signedInAs(USER))).andExpect(problem(404, "CONCERT_NOT_FOUND"));
	}

	@Test
	void rejectsTokenForUnknownUserWith404UserNotFound() throws Exception {
		given(this.queue.issue(CONCERT, USER)).willThrow(ProblemException.notFound("USER_NOT_FOUND", "none"));
		this.mvc.perform(post(ISSUE).with(signedInAs(USER))).andExpect(problem(404, "USER_NOT_FOUND"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-uuid", "1-1-1-1-1", "-1", "0" })
	void rejectsTokenForNonUuidConcertIdWith400InvalidId(String concertId) throws Exception {
		this.mvc.perform(post("/api/v1/queue/concerts/" + concertId + "/users/" + USER).with(signedInAs(USER)))
			.andExpect(problem(400, "INVALID_ID"));
		verify(this.queue, never()).issue(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-uuid", "1-1-1-1-1", "-1", "8f0c4b0e6a534c399a8e1f8c3a5b2d10" })
	void rejectsTokenForNonUuidUserIdWith400InvalidId(String userId) throws Exception {
		this.mvc.perform(post("/api/v1/queue/concerts/" + CONCERT + "/users/" + userId).with(signedInAs(USER)))
			.andExpect(problem(400, "INVALID_ID"));
		verify(this.queue, never()).issue(any(), any());
	}

	@Test
	void rejectsGetOnTokenIssueWith405MethodNotAllowed() throws Exception {
		this.mvc.perform(get(ISSUE).with(signedInAs(USER))).andExpect(problem(405, "METHOD_NOT_ALLOWED"));
	}

	@Test
	void showsWaitingStatusWithPositionAndEstimatedWaitButNoTokenId() throws Exception {
		given(this.queue.status(CONCERT, TOKEN))
			.willReturn(new QueueTicket(TOKEN, QueueState.WAITING, 5, 1200, 5, null, null));
		this.mvc.perform(get(STATUS).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("WAITING"))
			.andExpect(jsonPath("$.position").value(5))
			.andExpect(jsonPath("$.estimatedWaitSeconds").value(1200))
			.andExpect(jsonPath("$.tokenId").doesNotExist());
	}

	@Test
	void showsActiveStatusWithPositionZero() throws Exception {
		given(this.queue.status(CONCERT, TOKEN)).willReturn(
				new QueueTicket(TOKEN, QueueState.ACTIVE, 0, 0, 5, Instant.parse("2027-03-01T10:10:00Z"), null));
		this.mvc.perform(get(STATUS).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("ACTIVE"))
			.andExpect(jsonPath("$.position").value(0))
			.andExpect(jsonPath("$.estimatedWaitSeconds").value(0));
	}

	@Test
	void showsExpiredStatus() throws Exception {
		given(this.queue.status(CONCERT, TOKEN))
			.willReturn(new QueueTicket(TOKEN, QueueState.EXPIRED, 0, 0, 5, null, null));
		this.mvc.perform(get(STATUS).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("EXPIRED"))
			.andExpect(jsonPath("$.position").value(0));
	}

	@Test
	void trimsSpacesAroundTheBearerToken() throws Exception {
		given(this.queue.status(CONCERT, TOKEN))
			.willReturn(new QueueTicket(TOKEN, QueueState.EXPIRED, 0, 0, 5, null, null));
		this.mvc.perform(get(STATUS).header(HttpHeaders.AUTHORIZATION, "Bearer   " + TOKEN + "  "))
			.andExpect(status().isOk());
	}

	@Test
	void rejectsStatusWithoutAuthorizationWith401InvalidToken() throws Exception {
		this.mvc.perform(get(STATUS)).andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.queue, never()).status(any(), anyString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Bearer", "Basic dXNlcjpwYXNz", "a-token", "Bearera-token" })
	void rejectsStatusWithNonBearerAuthorizationWith401InvalidToken(String authorization) throws Exception {
		this.mvc.perform(get(STATUS).header(HttpHeaders.AUTHORIZATION, authorization))
			.andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.queue, never()).status(any(), anyString());
	}

	@Test
	void rejectsStatusWithUnknownOrForeignTokenWith401InvalidToken() throws Exception {
		given(this.queue.status(CONCERT, TOKEN)).willThrow(QueueToken.invalid());
		this.mvc.perform(get(STATUS).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(401, "INVALID_TOKEN"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-uuid", "1-1-1-1-1", "-1" })
	void rejectsStatusOfNonUuidConcertIdWith400InvalidId(String concertId) throws Exception {
		this.mvc
			.perform(get("/api/v1/queue/concerts/" + concertId).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(400, "INVALID_ID"));
		verify(this.queue, never()).status(any(), anyString());
	}

	@Test
	void leavesTheQueueWith204() throws Exception {
		this.mvc.perform(delete(STATUS).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isNoContent());
		verify(this.queue).leave(CONCERT, TOKEN);
	}

	@Test
	void rejectsLeavingWithoutATokenWith401InvalidToken() throws Exception {
		this.mvc.perform(delete(STATUS)).andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.queue, never()).leave(any(), anyString());
	}

	@Test
	void rejectsPutOnStatusWith405MethodNotAllowed() throws Exception {
		this.mvc.perform(put(STATUS).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(405, "METHOD_NOT_ALLOWED"));
	}

	@Test
	void rejectsTokenIssueBodyOver16KilobytesWith413PayloadTooLarge() throws Exception {
		this.mvc
			.perform(post(ISSUE).with(signedInAs(USER))
				.contentType(MediaType.APPLICATION_JSON)
				.content("\"" + "x".repeat(17_000) + "\""))
			.andExpect(problem(413, "PAYLOAD_TOO_LARGE"));
		verify(this.queue, never()).issue(any(), any());
	}

}
