package dev.ticketing.common;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be ({@code concert.web.*}); application.yml names each
 * with its default and why.
 *
 * @param maxBodySize largest body of any call but an organiser's
 * @param maxOrganiserBodySize largest body of an organiser's call (a large hall's seat
 * map)
 */
@ConfigurationProperties("concert.web")
record RequestSizeProperties(@DefaultValue("16KB") DataSize maxBodySize,
		@DefaultValue("1MB") DataSize maxOrganiserBodySize) {

	RequestSizeProperties {
		if (maxBodySize.toBytes() < 1 || maxOrganiserBodySize.toBytes() < 1) {
			throw new IllegalArgumentException(
					"concert.web.max-body-size and concert.web.max-organiser-body-size must be positive");
		}
	}

}
