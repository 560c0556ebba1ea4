package dev.ticketing.ticket;

import java.text.ParseException;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import dev.ticketing.common.ConcertId;
import dev.ticketing.concert.ConcertDateId;

/**
 * A ticket's codes: compact JWS (RFC 7515) tokens with the ticket's claims, signed
 * EdDSA/Ed25519 under the signing key's id ({@code kid}), so a gate verifies one with any
 * JOSE library and the published keys, offline. The format (header, claims, base64url) is
 * the Nimbus JOSE library's; the signature is the JDK's, through {@link TicketKeys}.
 * <p>
 * Claims: {@code jti} the ticket, {@code ver} its version, {@code cid} the concert,
 * {@code did} the date, {@code sid} the seat and {@code seat} its label, {@code sub} the
 * holder, {@code use} {@code phone} (with {@code step}, the time step it was shown in) or
 * {@code printed} (no step).
 */
final class TicketCodes {

	private static final JWSAlgorithm ALGORITHM = JWSAlgorithm.EdDSA;

	private final TicketKeys keys;

	private final JWSSigner signer;

	private final JWSVerifier verifier;

	TicketCodes(TicketKeys keys) {
		this.keys = keys;
		this.signer = new Signer(keys);
		this.verifier = new Verifier(keys);
	}

	/**
	 * @param step the time step a phone shows it in; ignored for a printed code
	 * @param seatLabel the seat's label as the ticket shows it, or null if unknown
	 */
	String sign(Ticket ticket, Kind kind, long step, String seatLabel) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(ticket.id().toString())
			.claim("ver", ticket.version())
			.claim("cid", ticket.concertId().toString())
			.claim("did", ticket.concertDateId().value())
			.claim("sid", ticket.seatId().value())
			.subject(ticket.holder().toString())
			.claim("use", kind.claim);
		if (seatLabel != null) {
			claims.claim("seat", seatLabel);
		}
		if (kind == Kind.PHONE) {
			claims.claim("step", step);
		}
		SignedJWT code = new SignedJWT(new JWSHeader.Builder(ALGORITHM).keyID(this.keys.currentId()).build(),
				claims.build());
		try {
			code.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign a ticket code", ex);
		}
		return code.serialize();
	}

	/**
	 * The claims of a code this service signed.
	 * @throws dev.ticketing.common.ProblemException 400 {@code INVALID_TICKET_CODE} for
	 * anything else: unreadable, signed by a key that is not one of ours, altered, or
	 * missing a claim
	 */
	Scanned read(String text) {
		try {
			SignedJWT code = SignedJWT.parse(text);
			if (!ALGORITHM.equals(code.getHeader().getAlgorithm()) || !code.verify(this.verifier)) {
				throw TicketProblems.invalidCode();
			}
			JWTClaimsSet claims = code.getJWTClaimsSet();
			Kind kind = Kind.of(claims.getStringClaim("use"));
			Integer version = claims.getIntegerClaim("ver");
			String concert = claims.getStringClaim("cid");
			Long date = claims.getLongClaim("did");
			Long step = claims.getLongClaim("step");
			if (claims.getJWTID() == null || version == null || concert == null || date == null
					|| (kind == Kind.PHONE && step == null)) {
				throw TicketProblems.invalidCode();
			}
			return new Scanned(new TicketId(UUID.fromString(claims.getJWTID())), version,
					new ConcertId(UUID.fromString(concert)), new ConcertDateId(date), kind, (step != null) ? step : 0);
		}
		catch (ParseException | JOSEException | IllegalArgumentException ex) {
			throw TicketProblems.invalidCode();
		}
	}

	/**
	 * What a code is for: shown on the fan's phone, changing every step, or printed.
	 */
	enum Kind {

		PHONE("phone"), PRINTED("printed");

		private final String claim;

		Kind(String claim) {
			this.claim = claim;
		}

		static Kind of(String claim) {
			for (Kind kind : values()) {
				if (kind.claim.equals(claim)) {
					return kind;
				}
			}
			throw new IllegalArgumentException("Unknown use of a ticket code");
		}

	}

	/**
	 * A verified code's claims.
	 *
	 * @param step the time step a phone's code was shown in; 0 for a printed code
	 */
	record Scanned(TicketId ticket, int version, ConcertId concert, ConcertDateId date, Kind kind, long step) {

		/** Whether it is for {@code date}; any date of its concert when null. */
		boolean isFor(ConcertDateId date) {
			return date == null || date.equals(this.date);
		}

	}

	/** Nimbus's JWS format around the JDK's Ed25519 signature. */
	private record Signer(TicketKeys keys) implements JWSSigner {

		@Override
		public Base64URL sign(JWSHeader header, byte[] signingInput) {
			return Base64URL.encode(this.keys.sign(signingInput));
		}

		@Override
		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			return Set.of(ALGORITHM);
		}

		@Override
		public JCAContext getJCAContext() {
			return new JCAContext();
		}

	}

	/**
	 * Checks the signature with the key the header names; an unknown key verifies
	 * nothing.
	 */
	private record Verifier(TicketKeys keys) implements JWSVerifier {

		@Override
		public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
			return this.keys.verify(header.getKeyID(), signingInput, signature.decode());
		}

		@Override
		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			return Set.of(ALGORITHM);
		}

		@Override
		public JCAContext getJCAContext() {
			return new JCAContext();
		}

	}

}
