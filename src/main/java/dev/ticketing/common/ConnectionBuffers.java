package dev.ticketing.common;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Smaller buffers for each of Tomcat's connections. An open status stream keeps its
 * connection, and with it the connection's buffers, for up to
 * {@code concert.queue.stream-timeout}: with Tomcat's defaults (8 KB socket buffers each
 * way, an 8 KB byte and 8 K char response buffer, 8 KB for response headers) they were
 * most of the 120 KB of heap a stream held (docs/PERFORMANCE.md). Smaller, they cost an
 * ordinary request a read or a write more for what is larger than them, and an answer
 * larger than the response buffer goes chunked.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnClass(name = "org.apache.coyote.http11.Http11NioProtocol")
@EnableConfigurationProperties(ConnectionBufferProperties.class)
class ConnectionBuffers implements WebServerFactoryCustomizer<TomcatWebServerFactory> {

	private final ConnectionBufferProperties properties;

	ConnectionBuffers(ConnectionBufferProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		factory.setProtocol(CompactHttp11NioProtocol.class.getName());
		factory.addProtocolHandlerCustomizers((protocol) -> {
			if (protocol instanceof CompactHttp11NioProtocol compact) {
				compact.setSocketBufferSize((int) this.properties.socketBuffer().toBytes());
				compact.setResponseBufferSize((int) this.properties.responseBuffer().toBytes());
			}
		});
	}

}
