package dev.ticketing.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The OIDC provider of the integration tests: publishes its discovery document and key
 * set on a local port, so the service under test finds it through Spring Boot's standard
 * {@code issuer-uri} as it would a real provider; signs access tokens, and for the
 * refusal tests tokens that are wrong in one way each.
 */
public final class TestIssuer {

	public static final String AUDIENCE = "concert-booking";

	private static final KeyPair KEY = rsa();

	private static final String KEY_ID = "test-key";

	public static final String ISSUER = serve();

	private TestIssuer() {
	}

	/** A valid access token of {@code user} with {@code roles}. */
	public static String tokenFor(Object user, String... roles) {
		return token().subject(user.toString()).roles(roles).sign();
	}

	/** A valid token to make wrong in one respect. */
	public static Token token() {
		return new Token(null, List.of(), ISSUER, List.of(AUDIENCE), Instant.now().plus(Duration.ofMinutes(10)), KEY,
				null);
	}

	/** A key pair the service does not trust. */
	public static KeyPair untrustedKey() {
		return rsa();
	}

	public record Token(String subject, List<String> roles, String issuer, List<String> audiences, Instant expiresAt,
			KeyPair key, String email) {

		public Token subject(String subject) {
			return new Token(subject, this.roles, this.issuer, this.audiences, this.expiresAt, this.key, this.email);
		}

		public Token roles(String... roles) {
			return new Token(this.subject, List.of(roles), this.issuer, this.audiences, this.expiresAt, this.key,
					this.email);
		}

		public Token issuer(String issuer) {
			return new Token(this.subject, this.roles, issuer, this.audiences, this.expiresAt, this.key, this.email);
		}

		public Token audiences(String... audiences) {
			return new Token(this.subject, this.roles, this.issuer, List.of(audiences), this.expiresAt, this.key,
					this.email);
		}

		public Token expiresAt(Instant expiresAt) {
			return new Token(this.subject, this.roles, this.issuer, this.audiences, expiresAt, this.key, this.email);
		}

		public Token signedWith(KeyPair key) {
			return new Token(this.subject, this.roles, this.issuer, this.audiences, this.expiresAt, key, this.email);
		}

		/** With an {@code email} claim: where the user's mails go. */
		public Token email(String email) {
			return new Token(this.subject, this.roles, this.issuer, this.audiences, this.expiresAt, this.key, email);
		}

		public String sign() {
			JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(this.subject)
				.issuer(this.issuer)
				.audience(this.audiences)
				.claim("roles", this.roles)
				.claim("email", this.email)
				.issueTime(Date.from(this.expiresAt.minus(Duration.ofMinutes(20))))
				.expirationTime(Date.from(this.expiresAt))
				.build();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
			try {
				jwt.sign(new RSASSASigner((RSAPrivateKey) this.key.getPrivate()));
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
			return jwt.serialize();
		}

	}

	private static KeyPair rsa() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Serves {@code /.well-known/openid-configuration} and the key set it names, and
	 * returns the issuer they are for.
	 */
	private static String serve() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
			String keys = new JWKSet(new RSAKey.Builder((RSAPublicKey) KEY.getPublic()).keyID(KEY_ID).build())
				.toString();
			String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
					+ "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
			server.createContext("/.well-known/openid-configuration", (exchange) -> answer(exchange, discovery));
			server.createContext("/jwks", (exchange) -> answer(exchange, keys));
			server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			server.start();
			return issuer;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void answer(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

}
