package dev.ticketing.concert;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticketing.identity.SignInTestConfiguration;
import dev.ticketing.common.Admission;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.Points;
import dev.ticketing.common.SaleStatus;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;
import dev.ticketing.queue.AdmissionTestConfiguration;
import dev.ticketing.queue.QueueService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static dev.ticketing.support.Problems.problem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ConcertController.class)
@Import({ AdmissionTestConfiguration.class, SignInTestConfiguration.class, BrowseCache.class, HallSeats.class,
		ConcertConfiguration.class, SimpleMeterRegistry.class, ConcertControllerTests.Clocks.class })
// Each test stubs its own catalogue: no response may outlive it.
@TestPropertySource(properties = { "concert.cache.browse-ttl=0", "concert.cache.concerts-ttl=0" })
class ConcertControllerTests {

	private static final ConcertId CONCERT = new ConcertId(UUID.fromString("3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11"));

	private static final ConcertId OTHER_CONCERT = new ConcertId(
			UUID.fromString("a4d2e6f8-1b3c-4d5e-8f90-123456789abc"));

	private static final UserId USER = new UserId(UUID.fromString("8f0c4b0e-6a53-4c39-9a8e-1f8c3a5b2d10"));

	private static final ConcertDateId DATE = new ConcertDateId(7);

	private static final String TOKEN = "a-token";

	private static final String DATES = "/api/v1/concerts/3b1f7c3e-0d2a-4e8b-9a61-5c2f0e7d9a11/dates";

	private static final String SEATS = DATES + "/7/seats";

	private static final String HALL = DATES + "/7/hall";

	private static final String SECTION = DATES + "/7/sections/0/seats-state";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	ConcertService concerts;

	@MockitoBean
	QueueService queue;

	@Test
	void listsConcertsWithConcertIdAndTitleWithoutToken() throws Exception {
		given(this.concerts.concerts()).willReturn(List.of(new Concert(CONCERT, "Spring Night", "Hall A",
				ZoneId.of("Asia/Seoul"), Instant.parse("2027-02-01T03:00:00Z"), SaleStatus.ON_SALE, null, null)));
		this.mvc.perform(get("/api/v1/concerts"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$[0].concertId").value(CONCERT.toString()))
			.andExpect(jsonPath("$[0].title").value("Spring Night"))
			.andExpect(jsonPath("$[0].status").value("ON_SALE"))
			.andExpect(jsonPath("$[0].saleOpensAt").value("2027-02-01T03:00:00Z"))
			.andExpect(jsonPath("$[0].timeZone").value("Asia/Seoul"));
	}

	@Test
	void listsNoConcertsAsEmptyArray() throws Exception {
		given(this.concerts.concerts()).willReturn(List.of());
		this.mvc.perform(get("/api/v1/concerts")).andExpect(status().isOk()).andExpect(content().json("[]"));
	}

	@Test
	void rejectsPostOnConcertsWith405MethodNotAllowed() throws Exception {
		this.mvc.perform(post("/api/v1/concerts").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(problem(405, "METHOD_NOT_ALLOWED"));
	}

	@Test
	void listsDatesWithConcertDateIdDateAndAvailableSeats() throws Exception {
		admitted(CONCERT);
		given(this.concerts.dates(CONCERT)).willReturn(List
			.of(new ConcertDate(DATE, CONCERT, Instant.parse("2027-03-01T19:30:00Z"), 1_000, 998, ZoneOffset.UTC)));
		this.mvc.perform(get(DATES).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].concertDateId").value(7))
			.andExpect(jsonPath("$[0].date").value("2027-03-01"))
			.andExpect(jsonPath("$[0].availableSeats").value(998));
	}

	@Test
	void tellsEachDatesDayOnTheConcertsClockNotOnUtcs() throws Exception {
		admitted(CONCERT);
		// 01:00 on 2 March in Seoul is still 1 March in UTC; 23:30 on 1 March in New York
		// is already 2 March there.
		given(this.concerts.dates(CONCERT)).willReturn(List.of(
				new ConcertDate(DATE, CONCERT, Instant.parse("2027-03-01T16:00:00Z"), 10, 10, ZoneId.of("Asia/Seoul")),
				new ConcertDate(new ConcertDateId(8), CONCERT, Instant.parse("2027-03-02T04:30:00Z"), 10, 10,
						ZoneId.of("America/New_York"))));
		this.mvc.perform(get(DATES).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].date").value("2027-03-02"))
			.andExpect(jsonPath("$[0].startsAt").value("2027-03-01T16:00:00Z"))
			.andExpect(jsonPath("$[1].date").value("2027-03-01"))
			.andExpect(jsonPath("$[1].startsAt").value("2027-03-02T04:30:00Z"));
	}

	@Test
	void acceptsBearerSchemeInAnyCase() throws Exception {
		admitted(CONCERT);
		given(this.concerts.dates(CONCERT)).willReturn(List.of());
		this.mvc.perform(get(DATES).header(HttpHeaders.AUTHORIZATION, "bearer " + TOKEN)).andExpect(status().isOk());
	}

	@ParameterizedTest
	@ValueSource(strings = { DATES, SEATS, HALL, SECTION })
	void rejectsBookingCallWithoutAuthorizationWith401InvalidToken(String path) throws Exception {
		this.mvc.perform(get(path)).andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.queue, never()).admit(anyString());
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Token abc", "abc" })
	void rejectsAuthorizationThatIsNotBearerWith401InvalidToken(String authorization) throws Exception {
		this.mvc.perform(get(DATES).header(HttpHeaders.AUTHORIZATION, authorization))
			.andExpect(problem(401, "INVALID_TOKEN"));
		verify(this.concerts, never()).dates(any());
	}

	@ParameterizedTest
	@ValueSource(strings = { DATES, SEATS, HALL, SECTION })
	void rejectsUnknownTokenWith401InvalidToken(String path) throws Exception {
		given(this.queue.admit(TOKEN)).willThrow(new ProblemException(401, "INVALID_TOKEN", "Invalid", "bad"));
		this.mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(401, "INVALID_TOKEN"));
	}

	@ParameterizedTest
	@ValueSource(strings = { DATES, SEATS, HALL, SECTION })
	void rejectsExpiredTokenWith401TokenExpired(String path) throws Exception {
		given(this.queue.admit(TOKEN)).willThrow(new ProblemException(401, "TOKEN_EXPIRED", "Expired", "gone"));
		this.mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(401, "TOKEN_EXPIRED"));
	}

	@ParameterizedTest
	@ValueSource(strings = { DATES, SEATS, HALL, SECTION })
	void rejectsWaitingTokenWith403QueueWaiting(String path) throws Exception {
		given(this.queue.admit(TOKEN)).willThrow(new ProblemException(403, "QUEUE_WAITING", "Waiting", "position 3"));
		this.mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(403, "QUEUE_WAITING"));
		verify(this.concerts, never()).dates(any());
		verify(this.concerts, never()).availableSeats(any(), any(), any());
		verify(this.concerts, never()).hall(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { DATES, SEATS, HALL, SECTION })
	void rejectsTokenOfAnotherConcertWith403TokenConcertMismatch(String path) throws Exception {
		admitted(OTHER_CONCERT);
		this.mvc.perform(get(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(403, "TOKEN_CONCERT_MISMATCH"));
		verify(this.concerts, never()).dates(any());
		verify(this.concerts, never()).availableSeats(any(), any(), any());
		verify(this.concerts, never()).hall(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "not-a-uuid", "1-1-1-1-1", "0", "-1" })
	void rejectsDatesOfNonUuidConcertIdWith400InvalidId(String concertId) throws Exception {
		admitted(CONCERT);
		this.mvc
			.perform(get("/api/v1/concerts/" + concertId + "/dates").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + TOKEN))
			.andExpect(problem(400, "INVALID_ID"));
	}

	@Test
	void rejectsDatesOfUnknownConcertWith404ConcertNotFound() throws Exception {
		admitted(CONCERT);
		given(this.concerts.dates(CONCERT)).willThrow(CatalogNotFound.concert(CONCERT));
		this.mvc.perform(get(DATES).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(404, "CONCERT_NOT_FOUND"));
	}

	@Test
	void listsAvailableSeatsWithSeatIdSeatNumberAndPrice() throws Exception {
		admitted(CONCERT);
		given(this.concerts.availableSeats(CONCERT, DATE, null))
			.willReturn(List.of(new Seat(new SeatId(42), CONCERT, DATE, 12, Points.of(50_000), "A", "3", "A-3-7")));
		this.mvc.perform(get(SEATS).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].seatId").value(42))
			.andExpect(jsonPath("$[0].seatNumber").value(12))
			.andExpect(jsonPath("$[0].price").value(50_000))
			.andExpect(jsonPath("$[0].section").value("A"))
			.andExpect(jsonPath("$[0].row").value("3"))
			.andExpect(jsonPath("$[0].label").value("A-3-7"));
	}

	@Test
	void mapsEverySeatAsAvailableHeldOrSold() throws Exception {
		admitted(CONCERT);
		given(this.concerts.seatMap(CONCERT, DATE))
			.willReturn(List.of(new SeatRepository.MapSeat(seat(1), SeatState.AVAILABLE, null),
					new SeatRepository.MapSeat(seat(2), SeatState.HELD, Instant.parse("2027-03-01T10:05:00Z")),
					new SeatRepository.MapSeat(seat(3), SeatState.SOLD, null)));
		this.mvc.perform(get(DATES + "/7/seat-map").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].seatNumber").value(1))
			.andExpect(jsonPath("$[0].status").value("AVAILABLE"))
			.andExpect(jsonPath("$[1].status").value("HELD"))
			.andExpect(jsonPath("$[2].status").value("SOLD"))
			.andExpect(jsonPath("$[2].section").value("A"))
			.andExpect(jsonPath("$[2].row").value("1"))
			.andExpect(jsonPath("$[2].label").value("A-1-3"))
			.andExpect(jsonPath("$[2].price").value(50_000))
			.andExpect(jsonPath("$[1].heldUntil").doesNotExist());
	}

	private static Seat seat(int number) {
		return new Seat(new SeatId(40 + number), CONCERT, DATE, number, Points.of(50_000), "A", "1", "A-1-" + number);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "-9223372036854775808" })
	void rejectsSeatsOfNonPositiveDateIdWith400InvalidId(String dateId) throws Exception {
		admitted(CONCERT);
		this.mvc.perform(get(DATES + "/" + dateId + "/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(400, "INVALID_ID"));
		verify(this.concerts, never()).availableSeats(any(), any(), any());
		verify(this.concerts, never()).hall(any(), any());
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "1.5", "99999999999999999999", "1e3", "+-1" })
	void rejectsSeatsOfNonNumericDateIdWith400InvalidParameter(String dateId) throws Exception {
		admitted(CONCERT);
		this.mvc.perform(get(DATES + "/" + dateId + "/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(400, "INVALID_PARAMETER"));
		verify(this.concerts, never()).availableSeats(any(), any(), any());
		verify(this.concerts, never()).hall(any(), any());
	}

	@Test
	void rejectsSeatsOfNonUuidConcertIdWith400InvalidId() throws Exception {
		admitted(CONCERT);
		this.mvc
			.perform(get("/api/v1/concerts/nope/dates/7/seats").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(400, "INVALID_ID"));
	}

	@Test
	void rejectsSeatsOfDateNotOfTheConcertWith404ConcertDateNotFound() throws Exception {
		admitted(CONCERT);
		given(this.concerts.availableSeats(CONCERT, DATE, null)).willThrow(CatalogNotFound.date(CONCERT, DATE));
		this.mvc.perform(get(SEATS).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(404, "CONCERT_DATE_NOT_FOUND"));
	}

	@Test
	void rejectsPostOnSeatsWith405MethodNotAllowed() throws Exception {
		this.mvc.perform(post(SEATS).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(problem(405, "METHOD_NOT_ALLOWED"));
	}

	private void admitted(ConcertId concert) {
		given(this.queue.admit(TOKEN)).willReturn(new Admission(concert, USER));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

}
