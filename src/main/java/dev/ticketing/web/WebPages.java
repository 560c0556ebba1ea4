package dev.ticketing.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.ConcertId;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * The page shells. Each is the same for everyone: what a page shows of the user comes
 * from the API, called by the page's module with the user's tokens, so the pages need no
 * session and any instance serves any of them.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebAppProperties.class)
class WebPages {

	/** Texts the modules show, under this prefix in messages.properties. */
	private static final String SCRIPT_TEXTS = "js.";

	/**
	 * The ES modules pages import by bare name ({@code import … from "app/api"}); the
	 * import map points each at its hashed file, so imports are cached as long as the
	 * pages' own scripts.
	 */
	private static final List<String> MODULES = List.of("api", "auth", "texts", "elements", "queue", "seats", "holds",
			"confirm", "organiser", "waitlist", "challenge");

	private final WebAppProperties properties;

	private final MessageSource messages;

	private final ObjectMapper json;

	private final boolean mailbox;

	private final ResourceUrlProvider assets;

	WebPages(WebAppProperties properties, MessageSource messages, ObjectMapper json, ResourceUrlProvider assets,
			@Value("${concert.mail.embedded:false}") boolean mailbox) {
		this.properties = properties;
		this.messages = messages;
		this.json = json;
		this.assets = assets;
		this.mailbox = mailbox;
	}

	@ModelAttribute
	void common(Model model, Locale locale, HttpServletRequest request) {
		model.addAttribute("webApp", this.properties);
		model.addAttribute("scriptTexts", scriptTexts(locale));
		model.addAttribute("importMap", importMap(request.getContextPath()));
		// The embedded mode's demo mailbox is in the menu where it exists.
		model.addAttribute("mailbox", this.mailbox);
	}

	@GetMapping("/")
	String concerts() {
		return "concerts";
	}

	@GetMapping("/concerts/{concertId}")
	String booking(@PathVariable String concertId, Model model) {
		model.addAttribute("concertId", ConcertId.of(concertId).toString());
		return "booking";
	}

	/**
	 * A concert's presale for fans: register for its lottery, see the result, use a code.
	 */
	@GetMapping("/concerts/{concertId}/presale")
	String presale(@PathVariable String concertId, Model model) {
		model.addAttribute("concertId", ConcertId.of(concertId).toString());
		return "presale";
	}

	/** A concert's presale for its organiser: the window, codes, the lottery's draw. */
	@GetMapping("/organiser/concerts/{concertId}/presale")
	String organiserPresale(@PathVariable String concertId, Model model) {
		model.addAttribute("concertId", ConcertId.of(concertId).toString());
		return "organiser-presale";
	}

	@GetMapping("/tickets")
	String tickets() {
		return "tickets";
	}

	/**
	 * The embedded mode's demo mailbox: the mails the service sent, a fan's own or, for
	 * an organiser, all (the API decides; elsewhere it does not exist, and the page says
	 * so).
	 */
	@GetMapping("/mailbox")
	String mailbox() {
		return "mailbox";
	}

	/**
	 * The door: gate staff or an organiser scan tickets, online or without signal; the
	 * page says plainly to anyone else that it is not theirs, as the API refuses them.
	 */
	@GetMapping("/gate")
	String gate() {
		return "gate";
	}

	/** The organiser's concerts and a new one; organisers only, as the API says. */
	@GetMapping("/organiser")
	String organiserConcerts() {
		return "organiser-concerts";
	}

	/** One concert's sale: details, dates and seat maps, live sales, refunds. */
	@GetMapping("/organiser/concerts/{concertId}")
	String organiserConcert(@PathVariable String concertId, Model model) {
		model.addAttribute("concertId", ConcertId.of(concertId).toString());
		return "organiser-concert";
	}

	/** Where the provider sends the browser back with the authorisation code. */
	@GetMapping("/login/oauth2/code/concert")
	String signedIn() {
		return "signed-in";
	}

	private String importMap(String contextPath) {
		Map<String, String> imports = new TreeMap<>();
		for (String module : MODULES) {
			String path = "/web/" + module + ".js";
			String hashed = this.assets.getForLookupPath(path);
			imports.put("app/" + module, contextPath + ((hashed != null) ? hashed : path));
		}
		return safeInScript(this.json.writeValueAsString(Map.of("imports", imports)));
	}

	/**
	 * The modules' texts in the request's language as JSON, safe inside a script element.
	 */
	private String scriptTexts(Locale locale) {
		ResourceBundle english = ResourceBundle.getBundle("messages", Locale.ROOT,
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
		Map<String, String> texts = new TreeMap<>();
		for (String key : english.keySet()) {
			if (key.startsWith(SCRIPT_TEXTS)) {
				texts.put(key.substring(SCRIPT_TEXTS.length()), this.messages.getMessage(key, null, locale));
			}
		}
		return safeInScript(this.json.writeValueAsString(texts));
	}

	/** JSON that cannot end the script element it is written into. */
	private static String safeInScript(String json) {
		return json.replace("<", "\\u003c");
	}

}
