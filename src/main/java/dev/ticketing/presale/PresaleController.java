package dev.ticketing.presale;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ticketing.common.Caller;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The fans' side of a presale: where a fan stands, registering for the lottery and
 * redeeming an access code, each for the signed-in fan only (401 without an access token,
 * 403 {@code USER_MISMATCH} for another fan); and the lottery's result, public so that
 * anyone can re-run the draw.
 */
@RestController
@RequestMapping("/api/v1/presale/concerts/{concertId}")
@Tag(name = "presale", description = "Presales: access codes and the registration lottery")
class PresaleController {

	private final PresaleService presales;

	PresaleController(PresaleService presales) {
		this.presales = presales;
	}

	@GetMapping("/users/{userId}")
	FanView standing(@PathVariable String concertId, @PathVariable String userId, Caller caller) {
		UserId fan = caller.requireSelf(UserId.of(userId));
		return FanView.of(this.presales.standing(ConcertId.of(concertId), fan));
	}

	/**
	 * Registers for the lottery while registration is open (409 otherwise); twice is
	 * once.
	 */
	@PostMapping("/users/{userId}/registration")
	FanView register(@PathVariable String concertId, @PathVariable String userId, Caller caller) {
		UserId fan = caller.requireSelf(UserId.of(userId));
		ConcertId concert = ConcertId.of(concertId);
		this.presales.register(concert, fan);
		return FanView.of(this.presales.standing(concert, fan));
	}

	/**
	 * Redeems an access code: it becomes the fan's for good (404 {@code CODE_UNKNOWN},
	 * 409 {@code CODE_TAKEN} if another fan's).
	 */
	@PostMapping("/users/{userId}/code")
	FanView redeem(@PathVariable String concertId, @PathVariable String userId, @RequestBody CodeRequest request,
			Caller caller) {
		UserId fan = caller.requireSelf(UserId.of(userId));
		ConcertId concert = ConcertId.of(concertId);
		this.presales.redeem(concert, fan, request.code());
		return FanView.of(this.presales.standing(concert, fan));
	}

	/**
	 * The lottery's seed commitment and, once drawn, its seed, every registration id and
	 * the winners': enough to re-run the draw (README, "Presales").
	 */
	@GetMapping("/draw")
	DrawView draw(@PathVariable String concertId) {
		return DrawView.of(this.presales.result(ConcertId.of(concertId)));
	}

	record CodeRequest(String code) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record LotteryView(Instant registrationOpensAt, Instant registrationClosesAt, int winners, String seedCommitment,
			@Schema(nullable = true, description = "Published with the draw's result") String seed,
			@Schema(nullable = true) Instant drawnAt) {

		static LotteryView of(Presale.Lottery lottery) {
			return (lottery != null) ? new LotteryView(lottery.opensAt(), lottery.closesAt(), lottery.winners(),
					lottery.seedCommitment(), lottery.publishedSeed(), lottery.drawnAt()) : null;
		}

	}

	/**
	 * @param registration the fan's registration id for the lottery, or null
	 * @param won whether the fan won the lottery
	 * @param code whether the fan redeemed an access code
	 * @param invited whether the fan may join the line during the presale
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record FanView(Instant generalSaleAt, @Schema(nullable = true) LotteryView lottery,
			@Schema(nullable = true) Long registration, boolean won, boolean code, boolean invited) {

		static FanView of(PresaleService.FanStanding standing) {
			return new FanView(standing.presale().generalSaleAt(), LotteryView.of(standing.presale().lottery()),
					standing.registration(), standing.won(), standing.code(), standing.invited());
		}

	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record DrawView(String seedCommitment, @Schema(nullable = true) String seed,
			@Schema(nullable = true) Instant drawnAt, int winnersCount, List<Long> registrations, List<Long> winners) {

		static DrawView of(PresaleService.DrawResult result) {
			return new DrawView(result.seedCommitment(), result.seed(), result.drawnAt(), result.winnersCount(),
					result.registrations(), result.winners());
		}

	}

}
