package dev.ticketing.limits;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Keeps the address of the connection's other end, before Tomcat's RemoteIpValve puts a
 * forwarded client address in its place: an exemption for this host's own connections
 * must go by who connected, never by what a header says.
 */
final class SocketPeers implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	private static final String ATTRIBUTE = SocketPeers.class.getName() + ".address";

	/**
	 * @return the address of the connection the request came on, null where this did not
	 * run (another server)
	 */
	static String of(HttpServletRequest request) {
		return (request.getAttribute(ATTRIBUTE) instanceof String address) ? address : null;
	}

	/** First of the engine's valves, whatever the others added before. */
	@Override
	public void customize(TomcatWebServerFactory factory) {
		List<Valve> valves = new ArrayList<>();
		valves.add(new Recorder());
		valves.addAll(factory.getEngineValves());
		factory.setEngineValves(valves);
	}

	/** After Spring Boot's customizer has added the RemoteIpValve. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static final class Recorder extends ValveBase {

		Recorder() {
			super(true);
		}

		@Override
		public void invoke(Request request, Response response) throws IOException, ServletException {
			request.setAttribute(ATTRIBUTE, request.getRemoteAddr());
			getNext().invoke(request, response);
		}

	}

}
