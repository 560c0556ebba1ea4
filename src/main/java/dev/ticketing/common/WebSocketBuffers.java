package dev.ticketing.common;

import jakarta.websocket.server.ServerContainer;
import org.apache.tomcat.websocket.server.WsSci;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat's WebSocket support, with small message buffers: an open WebSocket keeps them as
 * long as it lasts, and the service's WebSockets (the queue's status channels) only ever
 * take a token. Spring Boot's own WebSocket module would start the container too; without
 * it the container is started here, in the order Tomcat starts its initialisers: its own
 * first, then this one, which finds the container made and sets the buffers before any
 * endpoint is registered.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnClass(name = "org.apache.tomcat.websocket.server.WsSci")
class WebSocketBuffers implements WebServerFactoryCustomizer<TomcatWebServerFactory> {

	private final ConnectionBufferProperties properties;

	WebSocketBuffers(ConnectionBufferProperties properties) {
		this.properties = properties;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		int buffer = (int) this.properties.webSocketMessageBuffer().toBytes();
		factory.addContextCustomizers((context) -> {
			context.addServletContainerInitializer(new WsSci(), null);
			context.addServletContainerInitializer((classes, servletContext) -> {
				if (servletContext.getAttribute(ServerContainer.class.getName()) instanceof ServerContainer container) {
					container.setDefaultMaxTextMessageBufferSize(buffer);
					container.setDefaultMaxBinaryMessageBufferSize(buffer);
				}
			}, null);
		});
	}

}
