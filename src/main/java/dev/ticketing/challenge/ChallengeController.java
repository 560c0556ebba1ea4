package dev.ticketing.challenge;

import org.altcha.altcha.Altcha;

import dev.ticketing.common.Caller;
import dev.ticketing.common.ConcertId;
import dev.ticketing.common.UserId;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The challenge a fan solves before joining a line that asks for one; only the signed-in
 * fan it is for may fetch it (401 without an access token, 403 {@code USER_MISMATCH} for
 * another fan's).
 */
@RestController
@Tag(name = "queue", description = "The waiting line: queue tokens and their status")
class ChallengeController {

	private final JoinChallenges challenges;

	ChallengeController(JoinChallenges challenges) {
		this.challenges = challenges;
	}

	/**
	 * A proof-of-work challenge in ALTCHA's format: find {@code number} in 0 …
	 * {@code maxnumber} with SHA-256(salt + number) = challenge, then join the line with
	 * header {@code Altcha: base64(JSON {algorithm, challenge, number, salt,
	 * signature})}.
	 */
	@GetMapping("/api/v1/queue/concerts/{concertId}/users/{userId}/challenge")
	ResponseEntity<ChallengeView> challenge(@PathVariable String concertId, @PathVariable String userId,
			Caller caller) {
		UserId fan = caller.requireSelf(UserId.of(userId));
		Altcha.Challenge challenge = this.challenges.challenge(ConcertId.of(concertId), fan);
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(new ChallengeView(challenge.algorithm, challenge.challenge, challenge.maxnumber, challenge.salt,
					challenge.signature));
	}

	/** ALTCHA's challenge, with its member names. */
	record ChallengeView(String algorithm, String challenge, long maxnumber, String salt, String signature) {
	}

}
