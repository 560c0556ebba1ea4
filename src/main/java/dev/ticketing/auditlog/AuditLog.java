package dev.ticketing.auditlog;

import java.time.Clock;

import dev.ticketing.common.PrivilegedActionTaken;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.ObjectMapper;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Records each privileged action as it is taken. A plain (not transactional, not
 * asynchronous) listener: it runs in the publisher's thread and transaction, so the entry
 * commits with the change or not at all, and a failure to record it fails the change.
 */
@Service
class AuditLog {

	private final AuditLogRepository entries;

	private final ObjectMapper json;

	private final Clock clock;

	AuditLog(AuditLogRepository entries, ObjectMapper json, Clock clock) {
		this.entries = entries;
		this.json = json;
		this.clock = clock;
	}

	@EventListener
	void on(PrivilegedActionTaken action) {
		this.entries.append(this.clock.instant(), actor(), clientAddress(), action.action(), action.subject(),
				this.json.writeValueAsString(action.details()));
	}

	/**
	 * The signed-in caller's name (an access token's {@code sub}); null outside a
	 * signed-in request (the demo data, the {@code seed} command, the {@code open} mode).
	 */
	private static String actor() {
		Authentication caller = SecurityContextHolder.getContext().getAuthentication();
		if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return caller.getName();
	}

	/**
	 * The client's address: the request's remote address, which behind a load balancer
	 * Tomcat has already taken from X-Forwarded-For as sent by the trusted proxies only.
	 * Null outside a request.
	 */
	private static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

}
