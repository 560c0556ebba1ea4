package dev.ticketing.identity;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The embedded authorisation server's sign-in page, in the web app's look and language.
 * It needs no script: a form posted to Spring Security's form login, which sends a failed
 * attempt back here with {@code ?error}. A refusal of the sign-in limits comes here too,
 * forwarded with {@code ?limited=<seconds>} under status 429.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "concert.security.embedded.enabled", havingValue = "true")
class SignInPage {

	private final MessageSource messages;

	SignInPage(MessageSource messages) {
		this.messages = messages;
	}

	@GetMapping("/login")
	String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
			@RequestParam(required = false) String limited, HttpServletRequest request, Locale locale, Model model) {
		String problem = null;
		if (limited != null && limited.matches("[1-9][0-9]{0,8}")) {
			problem = this.messages.getMessage("signIn.limited", new Object[] { limited }, locale);
		}
		else if (error != null) {
			problem = this.messages.getMessage("signIn.failed", null, locale);
		}
		model.addAttribute("problem", problem);
		model.addAttribute("signedOut", logout != null && problem == null);
		model.addAttribute("username", (problem != null) ? request.getParameter("username") : null);
		return "sign-in";
	}

}
