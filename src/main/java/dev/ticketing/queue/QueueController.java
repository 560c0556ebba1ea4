package dev.ticketing.queue;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.common.Caller;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.LineEntryCheck;
import dev.ticketing.common.UserId;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/queue/concerts/{concertId}")
@Tag(name = "queue", description = "The waiting line: queue tokens and their status")
class QueueController {

	private final QueueService queue;

	private final QueueStreams streams;

	/** What a fan must have to join a line (an invitation, a solved challenge). */
	private final ObjectProvider<LineEntryCheck> entryChecks;

	QueueController(QueueService queue, QueueStreams streams, ObjectProvider<LineEntryCheck> entryChecks) {
		this.queue = queue;
		this.streams = streams;
		this.entryChecks = entryChecks;
	}

	@PostMapping("/users/{userId}")
	@ResponseStatus(HttpStatus.CREATED)
	TicketView issue(@PathVariable String concertId, @PathVariable String userId, Caller caller, @Parameter(
			description = "The solved join challenge (ALTCHA's base64 payload), where the concert asks for one") @RequestHeader(
					name = "Altcha", required = false) String altcha) {
		UserId user = caller.requireSelf(UserId.of(userId));
		ConcertId concert = ConcertId.of(concertId);
		// Every check before the line is touched: a refused fan gets no place.
		this.entryChecks.orderedStream().forEach((check) -> check.check(concert, user, altcha));
		return TicketView.of(this.queue.issue(concert, user), true);
	}

	@GetMapping
	TicketView status(@PathVariable String concertId,
			@RequestHeader(name = "Authorization", required = false) String authorization) {
		return TicketView.of(this.queue.status(ConcertId.of(concertId), BearerToken.from(authorization)), false);
	}

	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void leave(@PathVariable String concertId,
			@RequestHeader(name = "Authorization", required = false) String authorization) {
		this.queue.leave(ConcertId.of(concertId), BearerToken.from(authorization));
	}

	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@PathVariable String concertId,
			@RequestHeader(name = "Authorization", required = false) String authorization) {
		ConcertId concert = ConcertId.of(concertId);
		QueueToken token = this.queue.verifyFor(concert, BearerToken.from(authorization));
		return this.streams.open(token);
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TicketView(String tokenId, String status, Long position, long estimatedWaitSeconds, Long pollAfterSeconds,
			Instant activeUntil, Instant opensAt) {

		static TicketView of(QueueTicket ticket, boolean withToken) {
			return new TicketView(withToken ? ticket.tokenId() : null, ticket.status().name(), ticket.position(),
					ticket.estimatedWaitSeconds(),
					(ticket.status() == QueueState.WAITING) ? ticket.pollAfterSeconds() : null, ticket.activeUntil(),
					ticket.opensAt());
		}

	}

}
