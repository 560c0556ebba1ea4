package dev.ticketing.presale;

import java.time.Instant;
import java.util.List;

import dev.ticketing.common.ConcertId;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organiser's side of a presale: set it, generate and export access codes, draw the
 * lottery. Organisers only, as every {@code /api/v1/organiser/**} call (401 without an
 * access token, 403 without the role); every change is recorded in the audit log.
 */
@RestController
@RequestMapping("/api/v1/organiser/concerts/{concertId}/presale")
@Tag(name = "organiser", description = "Running sales: concerts, dates and seat maps (ORGANISER)")
class OrganiserPresaleController {

	static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

	private final PresaleService presales;

	OrganiserPresaleController(PresaleService presales) {
		this.presales = presales;
	}

	/**
	 * Sets the presale: until {@code generalSaleAt} only invited fans may join the
	 * concert's line (from its sale's opening); with {@code lottery}, fans register in
	 * its window and a draw picks {@code winners}. Left out, the presale has codes only.
	 */
	@PutMapping
	OrganiserPresaleView set(@PathVariable String concertId, @RequestBody PresaleRequest request) {
		ConcertId concert = ConcertId.of(concertId);
		LotteryRequest lottery = (request.lottery() != null) ? request.lottery() : new LotteryRequest(null, null, null);
		this.presales.set(concert, request.generalSaleAt(), lottery.registrationOpensAt(),
				lottery.registrationClosesAt(), lottery.winners());
		return view(concert);
	}

	@GetMapping
	OrganiserPresaleView presale(@PathVariable String concertId) {
		return view(ConcertId.of(concertId));
	}

	/** Generates {@code count} single-use access codes (at most 10,000 a call). */
	@PostMapping("/codes")
	@ResponseStatus(HttpStatus.CREATED)
	Generated generate(@PathVariable String concertId, @RequestBody CodesRequest request) {
		int count = (request.count() != null) ? request.count() : 0;
		return new Generated(this.presales.generateCodes(ConcertId.of(concertId), count));
	}

	/** Every code as CSV (code, redeemed, createdAt, redeemedAt), to hand out. */
	@GetMapping(path = "/codes.csv", produces = "text/csv")
	ResponseEntity<String> codes(@PathVariable String concertId) {
		ConcertId concert = ConcertId.of(concertId);
		StringBuilder csv = new StringBuilder("code,redeemed,createdAt,redeemedAt\r\n");
		for (PresaleRepository.Code code : this.presales.exportCodes(concert)) {
			csv.append(AccessCodes.shown(code.code()))
				.append(',')
				.append(code.redeemedAt() != null)
				.append(',')
				.append(code.createdAt())
				.append(',')
				.append((code.redeemedAt() != null) ? code.redeemedAt() : "")
				.append("\r\n");
		}
		return ResponseEntity.ok()
			.contentType(CSV)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"presale-codes-" + concert + ".csv\"")
			.body(csv.toString());
	}

	/**
	 * Draws the lottery, once, after registration closed; the seed is published with it.
	 */
	@PostMapping("/draw")
	PresaleController.DrawView draw(@PathVariable String concertId) {
		return PresaleController.DrawView.of(this.presales.draw(ConcertId.of(concertId)));
	}

	private OrganiserPresaleView view(ConcertId concert) {
		Presale presale = this.presales.presale(concert);
		PresaleService.Counts counts = this.presales.counts(concert);
		return new OrganiserPresaleView(concert.toString(), presale.generalSaleAt(),
				PresaleController.LotteryView.of(presale.lottery()), counts.codes(), counts.redeemed(),
				counts.registrations(), counts.winners());
	}

	record LotteryRequest(Instant registrationOpensAt, Instant registrationClosesAt, Integer winners) {
	}

	record PresaleRequest(Instant generalSaleAt, LotteryRequest lottery) {
	}

	record CodesRequest(Integer count) {
	}

	record Generated(int generated) {
	}

	record OrganiserPresaleView(String concertId, Instant generalSaleAt,
			@Schema(nullable = true) PresaleController.LotteryView lottery, int codes, long codesRedeemed,
			int registrations, int winners) {
	}

}
