package dev.ticketing.presale;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.KnownConcerts;
import dev.ticketing.common.LineEntryCheck;
import dev.ticketing.common.PrivilegedActionTaken;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs presales: the organiser sets one (when the general sale opens, and a lottery),
 * generates and exports access codes and runs the draw; fans redeem a code or register
 * for the lottery; and before a queue token is issued during a presale, only an invited
 * fan passes.
 */
@Service
@Order(LineEntryCheck.INVITATION)
public class PresaleService implements LineEntryCheck {

	/** The most codes one call generates. */
	static final int MOST_CODES = 10_000;

	/** The most winners a lottery may draw. */
	static final int MOST_WINNERS = 1_000_000;

	/**
	 * How long an instance trusts what it read of a concert's presale (only its window,
	 * not who is invited): an organiser's change reaches other instances within it.
	 */
	static final Duration PRESALE_TTL = Duration.ofSeconds(2);

	private final PresaleRepository presales;

	private final KnownConcerts concerts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Cache<ConcertId, Optional<Presale>> windows = Caffeine.newBuilder()
		.expireAfterWrite(PRESALE_TTL)
		.maximumSize(10_000)
		.build();

	PresaleService(PresaleRepository presales, KnownConcerts concerts, ApplicationEventPublisher events, Clock clock) {
		this.presales = presales;
		this.concerts = concerts;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * During a presale, lets only invited fans join: holders of a code they redeemed and
	 * winners of the lottery.
	 * @throws ProblemException 403 {@code PRESALE_ONLY} for anyone else
	 */
	@Override
	public void check(ConcertId concert, UserId fan, String proof) {
		Optional<Presale> presale = this.windows.get(concert, this.presales::find);
		if (presale.isEmpty() || !presale.get().inviteOnlyAt(this.clock.instant())) {
			return;
		}
		if (!invited(concert, fan)) {
			throw PresaleProblems.presaleOnly(concert, presale.get().generalSaleAt());
		}
	}

	/**
	 * Sets the concert's presale: until {@code generalSaleAt} only invited fans may join
	 * its line; with a lottery, fans register in its window and a draw picks
	 * {@code winners}. The lottery's seed is drawn the first time and kept after.
	 * @throws ProblemException 404 for an unknown concert, 400 {@code INVALID_PRESALE},
	 * 409 {@code ALREADY_DRAWN} once the lottery was drawn
	 */
	@Transactional
	Presale set(ConcertId concert, Instant generalSaleAt, Instant registrationOpensAt, Instant registrationClosesAt,
			Integer winners) {
		if (this.concerts.sale(concert).isEmpty()) {
			throw ProblemException.notFound("CONCERT_NOT_FOUND", "No concert " + concert);
		}
		if (generalSaleAt == null) {
			throw PresaleProblems.invalid("generalSaleAt is required: when the line opens to every fan");
		}
		Optional<Presale> current = this.presales.find(concert);
		if (current.map(Presale::lottery).map(Presale.Lottery::drawn).orElse(false)) {
			throw PresaleProblems.alreadyDrawn();
		}
		Presale.Lottery lottery = null;
		boolean anyLottery = registrationOpensAt != null || registrationClosesAt != null || winners != null;
		if (anyLottery) {
			if (registrationOpensAt == null || registrationClosesAt == null || winners == null) {
				throw PresaleProblems.invalid("A lottery needs registrationOpensAt, registrationClosesAt and winners");
			}
			if (!registrationOpensAt.isBefore(registrationClosesAt)) {
				throw PresaleProblems.invalid("registrationOpensAt must be before registrationClosesAt");
			}
			if (registrationClosesAt.isAfter(generalSaleAt)) {
				throw PresaleProblems
					.invalid("Registration must close by the general sale, so that winners can use " + "the presale");
			}
			if (winners < 1 || winners > MOST_WINNERS) {
				throw PresaleProblems.invalid("winners must be between 1 and " + MOST_WINNERS);
			}
			String seed = current.map(Presale::lottery).map(Presale.Lottery::seed).orElseGet(Draw::newSeed);
			lottery = new Presale.Lottery(registrationOpensAt, registrationClosesAt, winners, seed,
					Draw.commitment(seed), null);
		}
		Presale presale = new Presale(concert, generalSaleAt, lottery);
		this.presales.save(presale);
		this.windows.invalidate(concert);
		this.events.publishEvent(PrivilegedActionTaken.of("PRESALE_CHANGED", concert, "generalSaleAt", generalSaleAt,
				"registrationOpensAt", registrationOpensAt, "registrationClosesAt", registrationClosesAt, "winners",
				winners, "seedCommitment", (lottery != null) ? lottery.seedCommitment() : null));
		return presale;
	}

	/**
	 * @throws ProblemException 404 {@code PRESALE_NOT_FOUND}
	 */
	Presale presale(ConcertId concert) {
		return this.presales.find(concert).orElseThrow(() -> PresaleProblems.noPresale(concert));
	}

	/** Codes, registrations and winners, counted, for the organiser. */
	Counts counts(ConcertId concert) {
		List<PresaleRepository.Code> codes = this.presales.codes(concert);
		return new Counts(codes.size(), codes.stream().filter((code) -> code.redeemedAt() != null).count(),
				this.presales.registrations(concert).size(), this.presales.winners(concert).size());
	}

	/**
	 * Generates {@code count} new single-use codes.
	 * @throws ProblemException 404 without a presale, 400 {@code INVALID_CODE_COUNT}
	 */
	@Transactional
	int generateCodes(ConcertId concert, int count) {
		presale(concert);
		if (count < 1 || count > MOST_CODES) {
			throw PresaleProblems.invalidCount(MOST_CODES);
		}
		List<String> codes = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			codes.add(AccessCodes.generate());
		}
		this.presales.insertCodes(concert, codes, this.clock.instant());
		this.events.publishEvent(PrivilegedActionTaken.of("PRESALE_CODES_GENERATED", concert, "count", count));
		return count;
	}

	/** Every code of the concert, for the organiser to hand out; recorded as read. */
	@Transactional
	List<PresaleRepository.Code> exportCodes(ConcertId concert) {
		presale(concert);
		List<PresaleRepository.Code> codes = this.presales.codes(concert);
		this.events.publishEvent(PrivilegedActionTaken.of("PRESALE_CODES_EXPORTED", concert, "count", codes.size()));
		return codes;
	}

	/**
	 * Draws the lottery, once, after registration closed: the registrations ordered by
	 * {@link Draw}, the first {@code winners} win.
	 * @throws ProblemException 404 without a presale, 409 {@code NO_LOTTERY},
	 * {@code LOTTERY_OPEN} before registration closed, {@code ALREADY_DRAWN}
	 */
	@Transactional
	DrawResult draw(ConcertId concert) {
		Presale.Lottery lottery = lottery(concert);
		Instant now = this.clock.instant();
		if (now.isBefore(lottery.closesAt())) {
			throw PresaleProblems.lotteryOpen(lottery.closesAt());
		}
		if (!this.presales.markDrawn(concert, now)) {
			throw PresaleProblems.alreadyDrawn();
		}
		List<Long> registrations = this.presales.registrations(concert);
		List<Long> winners = Draw.winners(lottery.seed(), registrations, lottery.winners());
		this.presales.markWinners(concert, winners);
		this.windows.invalidate(concert);
		this.events
			.publishEvent(PrivilegedActionTaken.of("PRESALE_DRAWN", concert, "seed", lottery.seed(), "seedCommitment",
					lottery.seedCommitment(), "registrations", registrations.size(), "winners", winners.size()));
		return new DrawResult(lottery.seedCommitment(), lottery.seed(), now, lottery.winners(), registrations,
				winners.stream().sorted().toList());
	}

	/**
	 * The lottery's result as anyone may check it: before the draw only the seed's
	 * commitment; after, the seed, every registration id and the winners'.
	 * @throws ProblemException 404 without a presale, 409 {@code NO_LOTTERY}
	 */
	DrawResult result(ConcertId concert) {
		Presale.Lottery lottery = lottery(concert);
		if (!lottery.drawn()) {
			return new DrawResult(lottery.seedCommitment(), null, null, lottery.winners(), List.of(), List.of());
		}
		return new DrawResult(lottery.seedCommitment(), lottery.seed(), lottery.drawnAt(), lottery.winners(),
				this.presales.registrations(concert), this.presales.winners(concert));
	}

	/**
	 * Where the fan stands in the concert's presale.
	 * @throws ProblemException 404 without a presale
	 */
	FanStanding standing(ConcertId concert, UserId fan) {
		Presale presale = presale(concert);
		Optional<PresaleRepository.Registration> registration = this.presales.registration(concert, fan);
		boolean code = this.presales.holdsCode(concert, fan);
		boolean won = registration.map(PresaleRepository.Registration::won).orElse(false);
		return new FanStanding(presale, registration.map(PresaleRepository.Registration::id).orElse(null), won, code,
				code || won);
	}

	/**
	 * Registers the fan for the lottery while registration is open; again changes
	 * nothing.
	 * @throws ProblemException 404 without a presale, 409 {@code NO_LOTTERY},
	 * {@code REGISTRATION_CLOSED} outside the window
	 */
	void register(ConcertId concert, UserId fan) {
		Presale.Lottery lottery = lottery(concert);
		if (!lottery.takesRegistrationsAt(this.clock.instant())) {
			throw PresaleProblems.registrationClosed(lottery.opensAt(), lottery.closesAt());
		}
		this.presales.register(concert, fan, this.clock.instant());
	}

	/**
	 * Binds the code to the fan if nobody redeemed it; the fan's own code again is fine.
	 * @throws ProblemException 404 without a presale or for an unknown code, 409
	 * {@code CODE_TAKEN} if another fan redeemed it
	 */
	void redeem(ConcertId concert, UserId fan, String typed) {
		presale(concert);
		String code = AccessCodes.normalise(typed);
		if (code == null) {
			throw PresaleProblems.unknownCode();
		}
		if (this.presales.redeem(concert, code, fan, this.clock.instant())) {
			return;
		}
		Optional<UUID> redeemer = this.presales.redeemerOf(concert, code).orElseThrow(PresaleProblems::unknownCode);
		if (!redeemer.map(fan.value()::equals).orElse(false)) {
			throw PresaleProblems.codeTaken();
		}
	}

	private boolean invited(ConcertId concert, UserId fan) {
		return this.presales.holdsCode(concert, fan)
				|| this.presales.registration(concert, fan).map(PresaleRepository.Registration::won).orElse(false);
	}

	private Presale.Lottery lottery(ConcertId concert) {
		Presale presale = presale(concert);
		if (presale.lottery() == null) {
			throw PresaleProblems.noLottery(concert);
		}
		return presale.lottery();
	}

	record Counts(int codes, long redeemed, int registrations, int winners) {
	}

	/**
	 * @param registrations every registration's id, in order (empty before the draw)
	 * @param winners the winners' registration ids
	 */
	record DrawResult(String seedCommitment, String seed, Instant drawnAt, int winnersCount, List<Long> registrations,
			List<Long> winners) {
	}

	/**
	 * @param registration the fan's registration id, or null if not registered
	 * @param invited whether the fan may join the line during the presale
	 */
	record FanStanding(Presale presale, Long registration, boolean won, boolean code, boolean invited) {
	}

}
