package dev.ticketing.point;

import dev.ticketing.common.Caller;
import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.UserId;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/users/{userId}/points")
class PointController {

	private final PointService points;

	PointController(PointService points) {
		this.points = points;
	}

	@GetMapping
	BalanceView balance(@PathVariable String userId, Caller caller) {
		UserId user = caller.requireSelfOrOrganiser(UserId.of(userId));
		return new BalanceView(user.toString(), this.points.balance(user).value());
	}

	@PostMapping("/charge")
	BalanceView charge(@PathVariable String userId, Caller caller, @RequestBody ChargeRequest request) {
		UserId user = caller.requireSelfOrOrganiser(UserId.of(userId));
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
