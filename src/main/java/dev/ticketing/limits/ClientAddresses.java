package dev.ticketing.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address a request is limited under. It is the servlet request's remote
 * address: behind a load balancer, {@code server.forward-headers-strategy: native} makes
 * that the client's (X-Forwarded-For, as Tomcat reads it from trusted proxies only), not
 * the balancer's.
 */
final class ClientAddresses {

	private final boolean exemptLoopback;

	ClientAddresses(boolean exemptLoopback) {
		this.exemptLoopback = exemptLoopback;
	}

	/**
	 * @return the address, an IPv6 address as its /64 network (what one subscriber
	 * usually gets, so one client cannot hop between buckets), or null for an exempt one
	 */
	String key(HttpServletRequest request) {
		String address = request.getRemoteAddr();
		if (address == null || address.isEmpty()) {
			return null;
		}
		if (address.indexOf(':') < 0) {
			return (this.exemptLoopback && address.startsWith("127.")) ? null : address;
		}
		try {
			InetAddress parsed = InetAddress.ofLiteral(address);
			if (this.exemptLoopback && parsed.isLoopbackAddress()) {
				return null;
			}
			if (parsed instanceof Inet6Address) {
				return HexFormat.of().formatHex(parsed.getAddress(), 0, 8) + "/64";
			}
			return parsed.getHostAddress();
		}
		catch (IllegalArgumentException ex) {
			return address;
		}
	}

}
