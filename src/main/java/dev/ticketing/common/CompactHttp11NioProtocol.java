package dev.ticketing.common;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 connector with smaller per-connection buffers
 * ({@link ConnectionBuffers}): Tomcat names its protocol by class and builds it itself,
 * so the class is public, and the sizes are set on it once built. Every open status
 * stream holds a connection, with its buffers, for as long as it is open.
 */
public class CompactHttp11NioProtocol extends Http11NioProtocol {

	private int responseBufferSize = -1;

	/**
	 * The servlet response's buffer for a connection: Tomcat allocates that many bytes
	 * and that many chars with each connection's response, and sends an answer larger
	 * than it chunked rather than with a length.
	 */
	@Override
	public int getDesiredBufferSize() {
		return this.responseBufferSize;
	}

	public void setResponseBufferSize(int bytes) {
		this.responseBufferSize = bytes;
	}

	/**
	 * The socket's own read and write buffers for a connection. A request's headers and
	 * body are read into the connection's input buffer at most this many bytes a read; an
	 * answer is written at most this many a write.
	 */
	public void setSocketBufferSize(int bytes) {
		getEndpoint().getSocketProperties().setAppReadBufSize(bytes);
		getEndpoint().getSocketProperties().setAppWriteBufSize(bytes);
	}

	public int getSocketBufferSize() {
		return getEndpoint().getSocketProperties().getAppReadBufSize();
	}

}
