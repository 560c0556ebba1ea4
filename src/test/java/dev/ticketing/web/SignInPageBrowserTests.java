package dev.ticketing.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import dev.ticketing.support.Browser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded sign-in page is the web app's own: styled by app.css, in the browser's
 * language, with a main landmark, one h1, every field labelled and nothing outside the
 * page's regions; a failed attempt is announced and marked on the fields, and the next
 * one goes on to the page the fan came from. It runs no inline script and no inline
 * style, so a strict Content-Security-Policy leaves it working.
 */
class SignInPageBrowserTests extends BrowserTestSupport {

	@Test
	void theSignInPageHasItsLandmarksHeadingAndLabelsInTheBrowsersLanguage() {
		Browser english = browser();
		english.go("/login");
		english.heading("Sign in");
		assertAccessibleShell(english, "en");
		assertThat(english.field("Username").getAttribute("autocomplete")).isEqualTo("username");
		assertThat(english.field("Password").getAttribute("type")).isEqualTo("password");
		assertThat(english.script("return getComputedStyle(document.querySelector('main')).maxWidth"))
			.as("app.css is applied")
			.isEqualTo("416px");
		english.screenshots("sign-in");

		Browser korean = browser("ko");
		korean.go("/login");
		korean.heading("로그인");
		assertAccessibleShell(korean, "ko");
		assertThat(korean.field("아이디").isDisplayed()).isTrue();
		assertThat(korean.field("비밀번호").isDisplayed()).isTrue();
		assertThat(korean.driver().getTitle()).isEqualTo("로그인 · 콘서트 예매");
	}

	@Test
	void aFailedSignInIsAnnouncedAndTheNextOneGoesBackToTheWebApp() {
		Browser alice = browser();
		alice.go("/tickets");
		alice.heading("My tickets");
		alice.button("Sign in").click();

		alice.signInOnLoginPage("alice", "not-the-password");
		alice.waitForRole("alert", "That username and password do not match an account.");
		assertThat(alice.driver().getTitle()).startsWith("Error: Sign in");
		assertThat(alice.field("Username").getAttribute("aria-invalid")).isEqualTo("true");
		assertThat(alice.field("Password").getAttribute("aria-describedby")).isEqualTo("sign-in-problem");
		assertAccessibleShell(alice, "en");

		alice.signInOnLoginPage("alice", "demo");
		alice.heading("My tickets");
		alice.waitForText("Signed in as alice");
		assertThat(alice.driver().getCurrentUrl()).endsWith("/tickets");
	}

	/**
	 * One main landmark, one h1, the document's language, every field labelled, all
	 * content inside a landmark, and no inline script or style.
	 */
	private static void assertAccessibleShell(Browser browser, String language) {
		assertThat(browser.driver().findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language);
		assertThat(browser.driver().findElements(By.tagName("main"))).hasSize(1);
		assertThat(browser.driver().findElements(By.tagName("h1"))).hasSize(1);
		assertThat(browser.script("return [...document.querySelectorAll('input:not([type=hidden])')]"
				+ ".filter((input) => !input.labels || input.labels.length === 0).length"))
			.as("fields without a label")
			.isEqualTo(0L);
		assertThat(browser.script("return [...document.body.children]"
				+ ".filter((e) => !['HEADER', 'MAIN', 'FOOTER', 'NAV', 'SCRIPT'].includes(e.tagName)).length"))
			.as("content outside the page's regions")
			.isEqualTo(0L);
		assertThat(browser.script("return document.querySelectorAll('script:not([src]), style, [style]').length"))
			.as("inline scripts or styles")
			.isEqualTo(0L);
	}

}
