package dev.ticketing.seed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.ticketing.common.InvalidInput;
import dev.ticketing.common.UserId;

/**
 * Access tokens for the seeded users, signed with a private key whose public half the
 * service under load is configured to trust ({@code public-key-location}), so the load
 * tests sign in as a real provider's users would, without a provider in the loop.
 */
final class SeedTokens {

	/** Longer than any load test, shorter than anything worth stealing. */
	static final Duration LIFETIME = Duration.ofHours(24);

	static final String ISSUER = "concert-booking-seed";

	private SeedTokens() {
	}

	/**
	 * @param key a PKCS#8 PEM file with an RSA private key (`openssl genpkey -algorithm
	 * RSA`)
	 * @return each user's access token, by user id
	 */
	static Map<String, String> sign(Path key, List<UserId> users, List<String> audiences, Instant now) {
		JWSSigner signer = new RSASSASigner(privateKey(key));
		Map<String, String> tokens = new LinkedHashMap<>();
		for (UserId user : users) {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(user.toString())
				.issuer(ISSUER)
				.audience(audiences)
				.claim("roles", List.of())
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plus(LIFETIME)))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
			try {
				jwt.sign(signer);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Cannot sign with " + key, ex);
			}
			tokens.put(user.toString(), jwt.serialize());
		}
		return tokens;
	}

	private static RSAPrivateKey privateKey(Path file) {
		try {
			String pem = Files.readString(file)
				.replace("-----BEGIN PRIVATE KEY-----", "")
				.replace("-----END PRIVATE KEY-----", "")
				.replaceAll("\\s", "");
			return (RSAPrivateKey) KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
		}
		catch (IOException | GeneralSecurityException | IllegalArgumentException ex) {
			throw InvalidInput.of("INVALID_SEED_PLAN",
					"--sign-with needs a PKCS#8 PEM RSA private key (openssl genpkey -algorithm RSA): " + file);
		}
	}

}
