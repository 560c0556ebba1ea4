package dev.ticketing.ticket;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the tickets ({@code concert.tickets.*}); application.yml names each with
 * its default and why.
 *
 * @param privateKey the Ed25519 key codes are signed with, PKCS#8 in PEM ({@code openssl
 * genpkey -algorithm ed25519}); blank only where {@code keyRequired} is false, which then
 * draws one at start-up
 * @param publicKey its public key, X.509 in PEM ({@code openssl pkey -pubout}), published
 * for the gates
 * @param previousPublicKeys public keys of earlier signing keys: codes they signed still
 * open the door, and the gates are given them
 * @param keyRequired whether the start fails without a configured key (prod: codes must
 * outlive the process and open on every instance)
 * @param codeStep how long a phone's code is shown before the next replaces it
 * @param stepTolerance how many steps before or after the gate's own a phone's code may
 * be: one absorbs a scan at the turn of a step and a slightly fast or slow clock
 */
@ConfigurationProperties("concert.tickets")
record TicketProperties(@DefaultValue("") String privateKey, @DefaultValue("") String publicKey,
		@DefaultValue List<String> previousPublicKeys, @DefaultValue("false") boolean keyRequired,
		@DefaultValue("30s") Duration codeStep, @DefaultValue("1") int stepTolerance) {

	TicketProperties {
		privateKey = Objects.requireNonNullElse(privateKey, "");
		publicKey = Objects.requireNonNullElse(publicKey, "");
		previousPublicKeys = List.copyOf(Objects.requireNonNullElse(previousPublicKeys, List.of()));
		if (codeStep.compareTo(Duration.ofSeconds(5)) < 0 || codeStep.compareTo(Duration.ofMinutes(10)) > 0
				|| codeStep.getNano() != 0) {
			throw new IllegalArgumentException(
					"concert.tickets.code-step must be whole seconds from 5s to 10m: a screenshot must die quickly, "
							+ "and a phone must not fetch a new code every second");
		}
		if (stepTolerance < 0 || stepTolerance > 4) {
			throw new IllegalArgumentException("concert.tickets.step-tolerance must be from 0 to 4 steps");
		}
	}

	/**
	 * Every setting but the private key, which must never reach a log or an error
	 * message.
	 */
	@Override
	public String toString() {
		return "TicketProperties[privateKey=" + (this.privateKey.isBlank() ? "(none)" : "(set)") + ", publicKey="
				+ (this.publicKey.isBlank() ? "(none)" : "(set)") + ", previousPublicKeys="
				+ this.previousPublicKeys.size() + ", keyRequired=" + this.keyRequired + ", codeStep=" + this.codeStep
				+ ", stepTolerance=" + this.stepTolerance + "]";
	}

}
