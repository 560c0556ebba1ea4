package dev.ticketing.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' policy in a real Chromium: a script the page did not bring is refused, and
 * the refusal is seen by every browser test (which fails on any); Swagger UI works under
 * its own policy.
 */
class ContentSecurityPolicyBrowserTests extends BrowserTestSupport {

	@Test
	void anInjectedInlineScriptIsRefusedAndTheRefusalIsSeen() {
		Browser browser = browser();
		browser.go("/");
		browser.heading("Concerts on sale");
		browser.script("const injected = document.createElement('script');"
				+ "injected.textContent = 'window.injected = true';" + "document.head.append(injected);");

		assertThat(browser.script("return window.injected === true")).as("the inline script ran").isEqualTo(false);
		List<String> violations = new ArrayList<>();
		browser.until((driver) -> violations.addAll(browser.policyViolations()));
		assertThat(violations).singleElement().asString().contains("script-src");
	}

	@Test
	void swaggerUiWorksUnderItsOwnPolicy() {
		Browser browser = browser();
		browser.go("/swagger-ui.html");
		browser.waitForText("Concert booking");
		browser.waitForText("/api/v1/concerts");
		// Closing the browser fails the test if Swagger UI met a refusal.
	}

}
