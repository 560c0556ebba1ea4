package dev.ticketing.challenge;

import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.altcha.altcha.Altcha;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import dev.ticketing.common.ConcertId;
import dev.ticketing.common.ConcertSale;
import dev.ticketing.common.KnownConcerts;
import dev.ticketing.common.LineEntryCheck;
import dev.ticketing.common.ProblemException;
import dev.ticketing.common.UserId;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

/**
 * Join challenges in ALTCHA's protocol: a challenge is SHA-256 of its salt and a secret
 * number below {@code maxnumber}, signed with the service's HMAC key; the fan's browser
 * finds the number by trying them, and sends it back with the challenge. The salt carries
 * the fan, the concert and the expiry (ALTCHA's salt parameters), so the signature binds
 * a solution to them; a solution is spent once, in Redis.
 */
@Service
@Order(LineEntryCheck.CHALLENGE)
public class JoinChallenges implements LineEntryCheck {

	/** The longest solution payload accepted, far above a genuine one's few hundred. */
	static final int MAX_PAYLOAD = 2_000;

	private static final ObjectMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final KnownConcerts concerts;

	private final SpentSolutions spent;

	private final ChallengeProperties properties;

	private final ChallengeKey key;

	private final Clock clock;

	JoinChallenges(KnownConcerts concerts, SpentSolutions spent, ChallengeProperties properties, ChallengeKey key,
			Clock clock) {
		this.concerts = concerts;
		this.spent = spent;
		this.properties = properties;
		this.key = key;
		this.clock = clock;
	}

	/**
	 * A new challenge for {@code fan} to join {@code concert}'s line, costing more while
	 * the line is busy.
	 * @throws ProblemException 404 for an unknown concert
	 */
	Altcha.Challenge challenge(ConcertId concert, UserId fan) {
		if (this.concerts.saleOpensAt(concert).isEmpty()) {
			throw ProblemException.notFound("CONCERT_NOT_FOUND", "No concert " + concert);
		}
		Instant now = this.clock.instant();
		long cost = this.properties.cost(this.spent.joinsInSecondBefore(concert, now));
		Altcha.ChallengeOptions options = new Altcha.ChallengeOptions().setAlgorithm(Altcha.Algorithm.SHA256)
			.setMaxNumber(cost)
			.setHmacKey(this.key.value())
			.setExpires(now.plus(this.properties.expires()).getEpochSecond())
			.addParam("concert", concert.toString())
			.addParam("fan", fan.toString());
		try {
			return Altcha.createChallenge(options);
		}
		catch (Exception ex) {
			throw new IllegalStateException("ALTCHA creates SHA-256 challenges", ex);
		}
	}

	/**
	 * Where the concert asks for a proof-of-work: lets the fan join only with a solution
	 * of a challenge made for that fan and concert, not expired and not used before; the
	 * solution is spent here.
	 */
	@Override
	public void check(ConcertId concert, UserId fan, String proof) {
		if (!this.concerts.sale(concert).map(ConcertSale::joinChallenge).orElse(false)) {
			return;
		}
		if (proof == null || proof.isBlank()) {
			throw ChallengeProblems.required(concert);
		}
		Solution solution = Solution.decode(proof);
		if (!solution.solves(this.key)) {
			throw ChallengeProblems.failed("it does not solve a challenge of this service");
		}
		Map<String, String> params = solution.params();
		if (!concert.toString().equals(params.get("concert")) || !fan.toString().equals(params.get("fan"))) {
			throw ChallengeProblems.failed("the challenge was made for another fan or concert");
		}
		Instant expires = expiry(params.get("expires"));
		Instant now = this.clock.instant();
		if (!now.isBefore(expires)) {
			throw ChallengeProblems.expired();
		}
		if (!this.spent.spend(concert, solution.signature(), expires, now)) {
			throw ChallengeProblems.reused();
		}
	}

	private static Instant expiry(String seconds) {
		try {
			return Instant.ofEpochSecond(Long.parseLong(seconds));
		}
		catch (NumberFormatException | NullPointerException ex) {
			throw ChallengeProblems.failed("the challenge has no expiry");
		}
	}

	/** ALTCHA's payload: the challenge with the number found, as base64 of JSON. */
	record Solution(String algorithm, String challenge, Long number, String salt, String signature) {

		static Solution decode(String proof) {
			if (proof.length() > MAX_PAYLOAD) {
				throw ChallengeProblems.failed("the payload is too long");
			}
			try {
				Solution solution = JSON.readValue(Base64.getDecoder().decode(proof.strip()), Solution.class);
				if (solution == null || solution.algorithm == null || solution.challenge == null
						|| solution.number == null || solution.salt == null || solution.signature == null) {
					throw ChallengeProblems.failed("the payload lacks algorithm, challenge, number, salt or signature");
				}
				return solution;
			}
			catch (IllegalArgumentException | JacksonException ex) {
				throw ChallengeProblems.failed("the payload is not ALTCHA's base64 JSON");
			}
		}

		boolean solves(ChallengeKey key) {
			if (!"SHA-256".equals(this.algorithm)) {
				return false;
			}
			Altcha.Payload payload = new Altcha.Payload();
			payload.algorithm = this.algorithm;
			payload.challenge = this.challenge;
			payload.number = this.number;
			payload.salt = this.salt;
			payload.signature = this.signature;
			try {
				// Expiry is checked against the service's clock, not the library's.
				return Altcha.verifySolution(payload, key.value(), false);
			}
			catch (Exception ex) {
				return false;
			}
		}

		Map<String, String> params() {
			try {
				return Altcha.extractParams(this.salt);
			}
			catch (Exception ex) {
				throw ChallengeProblems.failed("the challenge's parameters cannot be read");
			}
		}

	}

}
