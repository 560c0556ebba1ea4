package dev.ticketing.identity;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The pages may connect to the OIDC provider the deployment names, by its origin, and to
 * no other: the embedded server's issuer only while it runs.
 */
class ContentSecurityPolicyTests {

	@Test
	void aDeploymentsProviderIsNamedByItsOriginAndTheEmbeddedIssuerOnlyWhenItRuns() {
		ContentSecurityPolicy policy = new ContentSecurityPolicy(embedded(false),
				"https://id.example.com:8443/realms/concert", "https://id.example.com:8443/realms/concert/");

		assertThat(policy.pages("n0nce")).startsWith("script-src 'nonce-n0nce'; ")
			.contains("; connect-src 'self' https://id.example.com:8443; ")
			.contains("; form-action 'self' https://id.example.com:8443; ")
			.doesNotContain("localhost")
			.doesNotContain("unsafe");
	}

	@Test
	void embeddedModeConnectsToItsOwnIssuer() {
		assertThat(new ContentSecurityPolicy(embedded(true), "", "").pages("n"))
			.contains("; connect-src 'self' http://localhost:8080; ");
	}

	@Test
	void aWebAppProviderOfItsOwnIsNamedToo() {
		assertThat(new ContentSecurityPolicy(embedded(false), "https://id.example.com", "https://login.example.org/x")
			.pages("n")).contains("; connect-src 'self' https://id.example.com https://login.example.org; ");
	}

	@Test
	void anIssuerThatIsNoAbsoluteUrlStopsTheStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ContentSecurityPolicy(embedded(false), "id.example.com/realms/concert", ""))
			.withMessageContaining("not an absolute URL");
	}

	private static SecurityProperties embedded(boolean enabled) {
		return new SecurityProperties(SecurityProperties.Mode.OIDC,
				new SecurityProperties.Embedded(enabled, "http://localhost:8080", "demo", 0, Duration.ofHours(1)));
	}

}
