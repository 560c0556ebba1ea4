package dev.ticketing.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Tomcat's per-connection buffers ({@code concert.web.connection.*}); application.yml
 * names each with its default and why.
 *
 * @param socketBuffer the socket's read and write buffers, each
 * @param responseBuffer the servlet response's buffer (as many bytes and as many chars)
 * @param webSocketMessageBuffer the largest text or binary message an open WebSocket
 * takes, and the buffer it keeps for one
 */
@ConfigurationProperties("concert.web.connection")
record ConnectionBufferProperties(@DefaultValue("2KB") DataSize socketBuffer,
		@DefaultValue("2KB") DataSize responseBuffer, @DefaultValue("512B") DataSize webSocketMessageBuffer) {

	private static final DataSize SMALLEST = DataSize.ofBytes(512);

	private static final DataSize LARGEST = DataSize.ofKilobytes(64);

	ConnectionBufferProperties {
		if (outside(socketBuffer) || outside(responseBuffer) || outside(webSocketMessageBuffer)) {
			throw new IllegalArgumentException(
					"concert.web.connection.socket-buffer, response-buffer and web-socket-message-buffer must be "
							+ SMALLEST.toBytes() + " to " + LARGEST.toBytes() + " bytes");
		}
	}

	private static boolean outside(DataSize size) {
		return size.compareTo(SMALLEST) < 0 || size.compareTo(LARGEST) > 0;
	}

}
