package dev.ticketing.point;

import java.util.Optional;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.Caller;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.UserId;
import dev.ticketing.idempotency.Answer;
import dev.ticketing.idempotency.IdempotencyKey;
import dev.ticketing.idempotency.IdempotentRequests;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users/{userId}/points")
@Tag(name = "point", description = "Wallets: balances and charges")
class PointController {

	private final PointService points;

	private final IdempotentRequests idempotent;

	private final ObjectMapper json;

	PointController(PointService points, IdempotentRequests idempotent, ObjectMapper json) {
		this.points = points;
		this.idempotent = idempotent;
		this.json = json;
	}

	@GetMapping
	@ApiResponse(responseCode = "200", description = "The wallet's balance")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: neither the wallet's user nor an organiser")
	@ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
	BalanceView balance(@PathVariable String userId, Caller caller) {
		UserId user = caller.requireSelfOrOrganiser(UserId.of(userId));
		return new BalanceView(user.toString(), this.points.balance(user).value());
	}

	/**
	 * Charges the wallet. With an {@code Idempotency-Key}, the signed-in user's (an
	 * organiser's own, when an organiser charges): a repeat is charged nothing and gets
	 * the first answer again.
	 */
	@PostMapping("/charge")
	@ApiResponse(responseCode = "200", description = "The balance after the charge",
			content = @Content(schema = @Schema(implementation = BalanceView.class)))
	@ApiResponse(responseCode = "400", description = "INVALID_AMOUNT: not a whole number from 1 to the largest charge")
	@ApiResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid access token")
	@ApiResponse(responseCode = "403", description = "USER_MISMATCH: neither the wallet's user nor an organiser")
	@ApiResponse(responseCode = "404", description = "USER_NOT_FOUND")
	Object charge(@PathVariable String userId, Caller caller, @RequestBody ChargeRequest request,
			Optional<IdempotencyKey> key, HttpServletRequest http) {
		UserId user = caller.requireSelfOrOrganiser(UserId.of(userId));
		if (key.isEmpty()) {
			// The view itself, as before: a ResponseEntity would be flushed and sent
			// chunked.
			return charge(user, request);
		}
		IdempotentRequests.Call call = new IdempotentRequests.Call(caller.self(user), key.get(), http.getMethod(),
				http.getRequestURI(), "amount=" + request.amount());
		return this.idempotent.runInTransaction(call, () -> Answer.json(200, charge(user, request), this.json));
	}

	private BalanceView charge(UserId user, ChargeRequest request) {
		return new BalanceView(user.toString(), this.points.charge(user, request.amount()).value());
	}

	record ChargeRequest(Long amount) {

		ChargeRequest {
			if (amount == null) {
				throw InvalidInput.of("INVALID_AMOUNT", "amount is required");
			}
		}

	}

	record BalanceView(String userId, long balance) {
	}

}
