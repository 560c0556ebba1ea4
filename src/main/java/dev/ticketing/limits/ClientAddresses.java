package dev.ticketing.limits;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HexFormat;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address a request is limited under. It is the servlet request's remote
 * address: behind a load balancer, {@code server.forward-headers-strategy: native} makes
 * that the client's (X-Forwarded-For, as Tomcat reads it from the proxies named in
 * {@code server.tomcat.remoteip.internal-proxies} only), not the balancer's.
 * <p>
 * An exemption for loopback is for this host's own connections only
 * ({@link SocketPeers}): an address that a forwarding header names is never exempt, even
 * a loopback one, since whoever sends the header chooses it.
 */
final class ClientAddresses {

	private final boolean exemptLoopback;

	ClientAddresses(boolean exemptLoopback) {
		this.exemptLoopback = exemptLoopback;
	}

	/**
	 * @return the address, an IPv6 address as its /64 network (what one subscriber
	 * usually gets, so one client cannot hop between buckets), or null for an exempt one:
	 * a loopback connection whose address is the request's, not one it forwards
	 */
	String key(HttpServletRequest request) {
		String address = request.getRemoteAddr();
		if (address == null || address.isEmpty()) {
			return null;
		}
		boolean mayExempt = this.exemptLoopback && address.equals(SocketPeers.of(request));
		if (address.indexOf(':') < 0) {
			return (mayExempt && address.startsWith("127.")) ? null : address;
		}
		try {
			InetAddress parsed = InetAddress.ofLiteral(address);
			if (mayExempt && parsed.isLoopbackAddress()) {
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
