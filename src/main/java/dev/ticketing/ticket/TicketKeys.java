package dev.ticketing.ticket;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ticketing.common.SettingRefused;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 keys of the ticket codes: one signs, it and the previous ones verify. The
 * signatures are the JDK's ({@code Signature "Ed25519"}); a key's id is the start of its
 * RFC 7638 thumbprint, so it follows from the key and needs no setting of its own.
 */
final class TicketKeys {

	/** Characters of the thumbprint a key id keeps: 66 bits, short in a QR code. */
	static final int KEY_ID_CHARS = 11;

	private static final String ALGORITHM = "Ed25519";

	/** An Ed25519 public key in X.509: a fixed 12-byte header, then the 32-byte key. */
	private static final int X509_LENGTH = 44;

	private static final int RAW_LENGTH = 32;

	private static final Logger log = LoggerFactory.getLogger(TicketKeys.class);

	private final String currentId;

	private final PrivateKey signing;

	/** By key id, the signing key's first. */
	private final Map<String, Verifying> verifying;

	private TicketKeys(String currentId, PrivateKey signing, Map<String, Verifying> verifying) {
		this.currentId = currentId;
		this.signing = signing;
		this.verifying = verifying;
	}

	/**
	 * The keys from their PEM texts.
	 * @throws IllegalArgumentException if a key cannot be read, is no Ed25519 key, or the
	 * public key is not the private key's; the message never shows a private key
	 */
	static TicketKeys of(String privatePem, String publicPem, List<String> previousPublicPems) {
		PrivateKey signing = privateKey(privatePem);
		PublicKey current = publicKey(publicPem, "concert.tickets.public-key");
		requirePair(signing, current);
		List<PublicKey> all = new ArrayList<>();
		all.add(current);
		for (int i = 0; i < previousPublicPems.size(); i++) {
			all.add(publicKey(previousPublicPems.get(i), "concert.tickets.previous-public-keys[" + i + "]"));
		}
		return of(signing, all);
	}

	/** A key pair drawn at random: the codes it signs die with the process. */
	static TicketKeys generated() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
			return of(pair.getPrivate(), List.of(pair.getPublic()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JDK cannot generate Ed25519 keys", ex);
		}
	}

	/**
	 * The keys this process runs with: the configured ones; where none is configured and
	 * none is required (one embedded instance, or a command that signs no code), keys
	 * drawn at random, with a warning when the process serves requests.
	 * @throws KeyRefused if the key is missing where required, or cannot be used
	 */
	static TicketKeys forStartup(TicketProperties properties, boolean servesRequests) {
		if (properties.privateKey().isBlank() && properties.publicKey().isBlank()) {
			if (servesRequests && properties.keyRequired()) {
				throw new KeyRefused("concert.tickets.private-key (CONCERT_TICKETS_PRIVATE_KEY) is not set. Every "
						+ "instance must sign ticket codes with one key that outlives it, or printed tickets stop "
						+ "opening the door at the next restart.");
			}
			if (servesRequests) {
				log.warn("concert.tickets.private-key is not set: ticket codes are signed with a key generated at "
						+ "start-up, so they die with this process and no other instance or gate accepts them. "
						+ "Set the key pair for anything but one embedded instance.");
			}
			return generated();
		}
		if (properties.privateKey().isBlank() || properties.publicKey().isBlank()) {
			throw new KeyRefused("concert.tickets.private-key and concert.tickets.public-key are set together: "
					+ "one is missing.");
		}
		try {
			return of(properties.privateKey(), properties.publicKey(), properties.previousPublicKeys());
		}
		catch (IllegalArgumentException ex) {
			throw new KeyRefused(ex.getMessage());
		}
	}

	private static TicketKeys of(PrivateKey signing, List<PublicKey> publicKeys) {
		Map<String, Verifying> verifying = new LinkedHashMap<>();
		for (PublicKey key : publicKeys) {
			Verifying entry = Verifying.of(key);
			if (verifying.putIfAbsent(entry.id(), entry) != null) {
				throw new IllegalArgumentException("Public key " + entry.id()
						+ " is given twice, or two keys share an id: remove the repeated one");
			}
		}
		return new TicketKeys(verifying.keySet().iterator().next(), signing, Map.copyOf(verifying));
	}

	/** The id of the key codes are signed with now. */
	String currentId() {
		return this.currentId;
	}

	byte[] sign(byte[] input) {
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initSign(this.signing);
			signature.update(input);
			return signature.sign();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not sign a ticket code", ex);
		}
	}

	/**
	 * Whether {@code signature} is the signature of {@code input} by the key of that id;
	 * false for an unknown id.
	 */
	boolean verify(String keyId, byte[] input, byte[] signature) {
		Verifying key = (keyId != null) ? this.verifying.get(keyId) : null;
		return key != null && key.verify(input, signature);
	}

	/** Every key a code may be signed with, the signing key first. */
	List<Verifying> published() {
		List<Verifying> all = new ArrayList<>(this.verifying.values());
		all.sort((a, b) -> Boolean.compare(!a.id().equals(this.currentId), !b.id().equals(this.currentId)));
		return all;
	}

	private static PrivateKey privateKey(String pem) {
		try {
			return KeyFactory.getInstance(ALGORITHM)
				.generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY", "concert.tickets.private-key")));
		}
		catch (GeneralSecurityException ex) {
			// The exception's message could quote the key's bytes; it is not passed on.
			throw new IllegalArgumentException(
					"concert.tickets.private-key is not an Ed25519 private key (PKCS#8 PEM, as 'openssl genpkey "
							+ "-algorithm ed25519' writes)");
		}
	}

	private static PublicKey publicKey(String pem, String property) {
		try {
			return KeyFactory.getInstance(ALGORITHM)
				.generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY", property)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException(
					property + " is not an Ed25519 public key (X.509 PEM, as 'openssl pkey -pubout' writes)");
		}
	}

	/**
	 * The DER inside a PEM text's armour; the JDK's key factories read the DER itself.
	 */
	private static byte[] der(String pem, String label, String property) {
		String begin = "-----BEGIN " + label + "-----";
		String end = "-----END " + label + "-----";
		String text = pem.strip();
		if (!text.startsWith(begin) || !text.endsWith(end)) {
			throw new IllegalArgumentException(property + " must be a PEM text from '" + begin + "' to '" + end + "'");
		}
		try {
			return Base64.getMimeDecoder().decode(text.substring(begin.length(), text.length() - end.length()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(property + " is not valid PEM: its body is not base64");
		}
	}

	private static void requirePair(PrivateKey signing, PublicKey current) {
		byte[] probe = "concert.tickets key pair probe".getBytes(StandardCharsets.US_ASCII);
		try {
			Signature signature = Signature.getInstance(ALGORITHM);
			signature.initSign(signing);
			signature.update(probe);
			byte[] signed = signature.sign();
			signature.initVerify(current);
			signature.update(probe);
			if (!signature.verify(signed)) {
				throw new IllegalArgumentException(
						"concert.tickets.public-key is not the public key of concert.tickets.private-key");
			}
		}
		catch (InvalidKeyException | SignatureException ex) {
			throw new IllegalArgumentException("concert.tickets.private-key cannot sign: " + ex.getClass().getName());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JDK has no Ed25519 signatures", ex);
		}
	}

	/**
	 * A public key that verifies codes, with its id and its 32 bytes as a JWK names them
	 * ({@code x}).
	 */
	record Verifying(String id, PublicKey key, Base64URL x) {

		static Verifying of(PublicKey key) {
			byte[] encoded = key.getEncoded();
			if (encoded.length != X509_LENGTH) {
				throw new IllegalArgumentException("Not an Ed25519 public key: " + encoded.length + " bytes");
			}
			Base64URL x = Base64URL.encode(Arrays.copyOfRange(encoded, X509_LENGTH - RAW_LENGTH, X509_LENGTH));
			try {
				String thumbprint = new OctetKeyPair.Builder(Curve.Ed25519, x).build().computeThumbprint().toString();
				return new Verifying(thumbprint.substring(0, KEY_ID_CHARS), key, x);
			}
			catch (JOSEException ex) {
				throw new IllegalStateException("Could not compute the key's thumbprint", ex);
			}
		}

		boolean verify(byte[] input, byte[] signature) {
			try {
				Signature verifier = Signature.getInstance(ALGORITHM);
				verifier.initVerify(this.key);
				verifier.update(input);
				return verifier.verify(signature);
			}
			catch (SignatureException ex) {
				// A signature of the wrong length or shape: forged.
				return false;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("Could not verify a ticket code", ex);
			}
		}

	}

	/**
	 * The ticket key stops the start: missing where required, or unusable. Its message
	 * never shows a private key.
	 */
	static final class KeyRefused extends SettingRefused {

		static final String ACTION = "Set CONCERT_TICKETS_PRIVATE_KEY and CONCERT_TICKETS_PUBLIC_KEY "
				+ "(concert.tickets.private-key, public-key) to the same Ed25519 key pair on every instance, from a "
				+ "Secret: 'openssl genpkey -algorithm ed25519 -out ticket.pem' and 'openssl pkey -in ticket.pem "
				+ "-pubout'.";

		KeyRefused(String reason) {
			super(reason, ACTION);
		}

	}

}
