package dev.ticketing.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A headless Debian Chromium driven through its chromedriver, fresh for each test: its
 * own profile, no background connections (this machine's network refuses them). Finds
 * what a person would: buttons and links by their accessible name, fields by their label,
 * what the page says by its role; and waits for it, never sleeps.
 */
public final class Browser implements AutoCloseable {

	public static final Dimension DESKTOP = new Dimension(1280, 900);

	public static final Dimension PHONE = new Dimension(375, 812);

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	private final ChromeDriver driver;

	private final Path profile;

	private final String base;

	private final String language;

	private Browser(ChromeDriver driver, Path profile, String base, String language) {
		this.driver = driver;
		this.profile = profile;
		this.base = base;
		this.language = language;
	}

	/** A browser whose requests ask for {@code language} (Accept-Language). */
	public static Browser open(String base, String language) {
		try {
			Path profile = Files.createTempDirectory("chromium-profile");
			ChromeOptions options = new ChromeOptions();
			options.setBinary("/usr/bin/chromium");
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--user-data-dir=" + profile, "--lang=" + language,
					"--window-size=" + DESKTOP.width + "," + DESKTOP.height);
			options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
			LoggingPreferences logs = new LoggingPreferences();
			logs.enable(LogType.BROWSER, Level.ALL);
			options.setCapability("goog:loggingPrefs", logs);
			ChromeDriverService service = new ChromeDriverService.Builder()
				.usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
				.usingAnyFreePort()
				.build();
			return new Browser(new ChromeDriver(service, options), profile, base, language);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public WebDriver driver() {
		return this.driver;
	}

	public void go(String path) {
		this.driver.get(this.base + path);
	}

	public void resize(Dimension size) {
		this.driver.manage().window().setSize(size);
	}

	/** The button whose accessible name (text or aria-label) is {@code name}. */
	public WebElement button(String name) {
		return until(ExpectedConditions.elementToBeClickable(
				By.xpath("//button[normalize-space(.)=" + literal(name) + " or @aria-label=" + literal(name) + "]")));
	}

	/** The one button whose accessible name starts with {@code prefix}. */
	public WebElement buttonNamed(String prefix) {
		return until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[starts-with(@aria-label, "
				+ literal(prefix) + ") or starts-with(normalize-space(.), " + literal(prefix) + ")]")));
	}

	/** The accessible name of the button whose name starts with {@code prefix}. */
	public String buttonName(String prefix) {
		WebElement button = buttonNamed(prefix);
		String label = button.getAttribute("aria-label");
		return (label != null) ? label : button.getText();
	}

	public WebElement link(String name) {
		return until(
				ExpectedConditions.elementToBeClickable(By.xpath("//a[normalize-space(.)=" + literal(name) + "]")));
	}

	/** The form field labelled {@code label}. */
	public WebElement field(String label) {
		WebElement labelElement = until(ExpectedConditions
			.presenceOfElementLocated(By.xpath("//label[normalize-space(.)=" + literal(label) + "]")));
		return this.driver.findElement(By.id(labelElement.getAttribute("for")));
	}

	public WebElement heading(String text) {
		return until(ExpectedConditions.visibilityOfElementLocated(
				By.xpath("//*[self::h1 or self::h2 or self::h3][normalize-space(.)=" + literal(text) + "]")));
	}

	/**
	 * What the page gives for {@code term} in a description list (a figure and its name),
	 * as it reads now.
	 */
	public String definition(String term) {
		By description = By.xpath("//dt[normalize-space(.)=" + literal(term) + "]/following-sibling::dd[1]");
		return until((driver) -> {
			try {
				WebElement shown = driver.findElement(description);
				return shown.isDisplayed() ? shown.getText() : null;
			}
			catch (NoSuchElementException | StaleElementReferenceException ex) {
				// Not there yet, or redrawn between finding and reading: look again.
				return null;
			}
		});
	}

	/** Waits until an element of {@code role} says {@code text} (somewhere in it). */
	public void waitForRole(String role, String text) {
		until((driver) -> Boolean.TRUE
			.equals(script("return [...document.querySelectorAll('[role=\"' + arguments[0] + '\"]')]"
					+ ".some((e) => e.innerText.includes(arguments[1]))", role, text)));
	}

	/** Waits until the page says {@code text} anywhere. */
	public void waitForText(String text) {
		until((driver) -> driver.findElement(By.tagName("body")).getText().contains(text));
	}

	/**
	 * Waits for the condition; one that never comes fails with what the page said and
	 * what its scripts logged.
	 */
	public <T> T until(Function<WebDriver, T> condition) {
		try {
			return new WebDriverWait(this.driver, PATIENCE).until(condition::apply);
		}
		catch (TimeoutException ex) {
			String logs = this.driver.manage()
				.logs()
				.get(LogType.BROWSER)
				.getAll()
				.stream()
				.map(LogEntry::toString)
				.collect(Collectors.joining("\n"));
			throw new TimeoutException(ex.getMessage() + "\nAt " + this.driver.getCurrentUrl() + " the page says:\n"
					+ this.driver.findElement(By.tagName("body")).getText() + "\nIts console:\n" + logs, ex);
		}
	}

	/**
	 * What the browser refused under the pages' Content-Security-Policy since the last
	 * look, as Chromium logged it to the console (read once: the log is emptied).
	 */
	public List<String> policyViolations() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("Content Security Policy"))
			.toList();
	}

	/**
	 * Keeps every text the element {@code id} shows, on every page from now on, in the
	 * page's {@code window.shown}: what flashed by between two looks is still there to
	 * assert on. Injected by the browser itself, outside the pages' policy.
	 */
	public void recordTextsOf(String id) {
		String recorder = "window.shown = []; new MutationObserver(() => {" + " const e = document.getElementById('"
				+ id + "');"
				+ " if (e && window.shown[window.shown.length - 1] !== e.textContent) { window.shown.push(e.textContent); }"
				+ " }).observe(document, { subtree: true, childList: true, characterData: true });";
		((ChromeDriver) this.driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
				Map.of("source", recorder));
	}

	/** The texts recorded by {@link #recordTextsOf}, in the order shown. */
	@SuppressWarnings("unchecked")
	public List<String> recordedTexts() {
		return (List<String>) script("return window.shown || [];");
	}

	public Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	/**
	 * Signs in on the provider's login page the browser is sent to, by the labels it
	 * shows in the browser's language (the web app's messages).
	 */
	public void signInOnLoginPage(String username, String password) {
		ResourceBundle texts = ResourceBundle.getBundle("messages", Locale.forLanguageTag(this.language));
		field(texts.getString("signIn.username")).sendKeys(username);
		field(texts.getString("signIn.password")).sendKeys(password);
		button(texts.getString("signIn.submit")).click();
	}

	/**
	 * Saves what the browser shows as {@code name}-desktop.png and -phone.png under the
	 * folder of system property {@code web.screenshots} (README's pictures: run with
	 * {@code -Dweb.screenshots=docs/screenshots}); without it, nothing: the suite does
	 * not spend its time drawing pictures nobody asked for.
	 */
	public void screenshots(String name) {
		screenshots(name, null);
	}

	/**
	 * As {@link #screenshots(String)}, but a page too tall for the picture is drawn from
	 * the element {@code fromId} down rather than from its top: the part worth showing is
	 * far down.
	 */
	public void screenshots(String name, String fromId) {
		String asked = System.getProperty("web.screenshots");
		if (asked == null || asked.isBlank()) {
			return;
		}
		Path folder = Path.of(asked);
		// Where the picture starts: the page's top if the page fits, else a little above
		// the element.
		String top = "const from = arguments[0] && document.getElementById(arguments[0]);"
				+ " const fits = document.documentElement.scrollHeight <= arguments[1];"
				+ " const top = (from && !fits) ? Math.max(0, from.getBoundingClientRect().top + window.scrollY - 16) : 0;";
		try {
			Files.createDirectories(folder);
			// A page cut at two windows would show its scroll bar: not part of the page.
			script("document.documentElement.style.scrollbarWidth = 'none'");
			for (var size : List.of(Map.entry("desktop", DESKTOP), Map.entry("phone", PHONE))) {
				// The whole page, not only the window: as tall as the page is at that
				// width, up to two windows' worth (what a reader of the README looks
				// at; the pictures go into git).
				resize(size.getValue());
				int tallest = 2 * size.getValue().height;
				// The window is taller than the page it shows by its own frame.
				long frame = (Long) script("return window.outerHeight - window.innerHeight");
				Number height = (Number) script(top + " return document.documentElement.scrollHeight - top + " + frame,
						fromId, tallest - frame);
				resize(new Dimension(size.getValue().width,
						Math.min(tallest, Math.max(size.getValue().height, height.intValue()))));
				// From there, whichever field the test last scrolled into view.
				script(top + " window.scrollTo(0, top)", fromId, tallest - frame);
				Path shot = this.driver.getScreenshotAs(OutputType.FILE).toPath();
				Files.copy(shot, folder.resolve(name + "-" + size.getKey() + ".png"),
						StandardCopyOption.REPLACE_EXISTING);
			}
			script("document.documentElement.style.scrollbarWidth = ''");
			resize(DESKTOP);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try {
				FileSystemUtils.deleteRecursively(this.profile);
			}
			catch (IOException ex) {
				// A temporary profile left behind harms nothing.
			}
		}
	}

	/** {@code text} as an XPath string literal, whatever quotes it holds. */
	private static String literal(String text) {
		if (!text.contains("'")) {
			return "'" + text + "'";
		}
		return "concat('" + text.replace("'", "',\"'\",'") + "')";
	}

}
