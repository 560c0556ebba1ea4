package dev.ticketing.queue;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/queue/concerts/{concertId}")
class QueueController {

	private final QueueService queue;

	QueueController(QueueService queue) {
		this.queue = queue;
	}

	@PostMapping("/users/{userId}")
	@ResponseStatus(HttpStatus.CREATED)
	TicketView issue(@PathVariable String concertId, @PathVariable String userId) {
		return TicketView.of(this.queue.issue(ConcertId.of(concertId), UserId.of(userId)), true);
	}

	@GetMapping
	TicketView status(@PathVariable String concertId,
			@RequestHeader(name = "Authorization", required = false) String authorization) {
		ConcertId concert = ConcertId.of(concertId);
		return TicketView.of(this.queue.status(concert, BearerToken.from(authorization)), false);
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TicketView(String tokenId, String status, long position, long estimatedWaitSeconds, Instant activeUntil) {

		static TicketView of(QueueTicket ticket, boolean withToken) {
			return new TicketView(withToken ? ticket.tokenId() : null, ticket.status().name(), ticket.position(),
					ticket.estimatedWaitSeconds(), ticket.activeUntil());
		}

	}

}
