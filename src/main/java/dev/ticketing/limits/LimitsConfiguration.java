package dev.ticketing.limits;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.RedisKeys;
import dev.ticketing.queue.StreamRules;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The limits and the endpoints they guard. They live where the queue does: in Redis,
 * shared by every instance (the embedded mode's Redis is its own).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

	static final String ISSUE = "/api/v1/queue/concerts/{concertId}/users/{userId}";

	static final String STATUS = "/api/v1/queue/concerts/{concertId}";

	static final String STREAM = "/api/v1/queue/concerts/{concertId}/stream";

	static final String HOLD = "/api/v1/reservations/seats/{seatId}";

	static final String CHARGE = "/api/v1/users/{userId}/points/charge";

	@Bean
	@ConfigurationPropertiesBinding
	static RateConverter rateConverter() {
		return new RateConverter();
	}

	@Bean
	BucketStore bucketStore(RedisConnectionFactory connections, RedisKeys keys, LimitsProperties limits,
			MeterRegistry meters) {
		return new RedisBucketStore(connections, keys.keyPrefix(), limits, meters);
	}

	@Bean
	@ConditionalOnWebApplication
	RateLimitInterceptor rateLimitInterceptor(LimitsProperties limits, StreamRules streams, BucketStore store,
			MeterRegistry meters, ObjectMapper json) {
		Limits made = new Limits(limits, meters);
		RateLimitInterceptor.Rule status = made.rule("status", RateLimitInterceptor.Caller.QUEUE_TOKEN, limits.status(),
				false);
		RateLimitInterceptor.Rule stream = new RateLimitInterceptor.Rule(status.caller(), status.perUser(),
				status.perAddress(), true);
		return new RateLimitInterceptor(Map.of(STATUS, status, STREAM, stream),
				Map.of(ISSUE, made.rule("issue", RateLimitInterceptor.Caller.PATH_USER, limits.issue(), false), HOLD,
						made.rule("hold", RateLimitInterceptor.Caller.QUEUE_TOKEN, limits.hold(), false), CHARGE,
						made.rule("charge", RateLimitInterceptor.Caller.PATH_USER, limits.charge(), false)),
				new RateLimiter(store, meters), new ClientAddresses(limits.exemptLoopback()),
				new OpenStreams(streams.maxStreamsPerToken()), streams.heartbeat().toSeconds(), json);
	}

	@Bean
	@ConditionalOnWebApplication
	WebMvcConfigurer rateLimits(RateLimitInterceptor interceptor) {
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				registry.addInterceptor(interceptor);
			}
		};
	}

	/** Builds the limits of the settings; an {@code off} limit is none (null). */
	private record Limits(LimitsProperties limits, MeterRegistry meters) {

		RateLimitInterceptor.Rule rule(String endpoint, RateLimitInterceptor.Caller caller,
				LimitsProperties.PerCaller rates, boolean stream) {
			return new RateLimitInterceptor.Rule(caller,
					limit(endpoint, (caller == RateLimitInterceptor.Caller.QUEUE_TOKEN) ? "token" : "user",
							rates.perUser(), caller == RateLimitInterceptor.Caller.QUEUE_TOKEN),
					limit(endpoint, "address", rates.perAddress(), false), stream);
		}

		private Limit limit(String endpoint, String scope, Rate rate, boolean secretKeys) {
			if (!this.limits.enabled() || rate.isOff()) {
				return null;
			}
			Duration keep = this.limits.syncInterval();
			return new Limit(endpoint, scope, rate, secretKeys, this.limits.localShare(), this.limits.maxKeys(), keep,
					this.meters);
		}

	}

	static final class RateConverter implements Converter<String, Rate> {

		@Override
		public Rate convert(String source) {
			return Rate.of(source);
		}

	}

}
