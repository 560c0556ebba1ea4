package dev.ticketing.queue;

import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;

/**
 * The status channel over WebSocket ({@link LiveStatus}). Its handshake is taken from
 * pages of the service's own origin only: no other origin is allowed, so a browser's
 * handshake from any other page gets 403. A client that sends no {@code Origin} is no
 * browser, and no page can use it; it gets the channel.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSocket
class LiveStatusConfiguration {

	@Bean
	LiveStatus liveStatus(QueueService queue, QueueStreams streams, ObjectProvider<StreamCaps> caps,
			ObjectMapper json) {
		return new LiveStatus(queue, streams, caps, json);
	}

	@Bean
	WebSocketConfigurer liveStatusEndpoint(LiveStatus live) {
		return (registry) -> registry.addHandler(live, LiveStatus.PATH).addInterceptors(live.opening());
	}

}
