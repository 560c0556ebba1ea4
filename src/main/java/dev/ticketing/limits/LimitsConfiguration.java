package dev.ticketing.limits;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.ObjectMapper;

import dev.ticketing.common.RedisKeys;
import dev.ticketing.queue.StreamCaps;
import dev.ticketing.queue.StreamHolders;
import dev.ticketing.queue.StreamRules;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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

	/** Holds of seats side by side, picked by the service: they count as holds. */
	static final String BEST_AVAILABLE = "/api/v1/reservations/best-available";

	static final String CHARGE = "/api/v1/users/{userId}/points/charge";

	/** Every browse call: dates, seats, the seat map and any view of a date to come. */
	static final String BROWSE = "/api/v1/concerts/{concertId}/dates";

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

	/**
	 * The status channels open on this instance, event streams and WebSockets together.
	 */
	@Bean
	OpenStreams openStreams(StreamRules streams, MeterRegistry meters) {
		OpenStreams open = new OpenStreams(streams.maxStreamsPerToken(), streams.maxStreamsPerUser(),
				streams.maxStreamsPerAddress(), streams.maxStreamsPerInstance());
		Gauge.builder("concert.limits.streams.open", open, OpenStreams::open)
			.description("Status streams and WebSockets open on this instance, "
					+ "against concert.queue.max-streams-per-instance")
			.register(meters);
		return open;
	}

	/**
	 * The status limits, per token and address: of polls, event streams and WebSockets
	 * alike, one set of buckets.
	 */
	@Bean
	RateLimitInterceptor.Rule statusLimits(LimitsProperties limits, MeterRegistry meters) {
		return new Limits(limits, meters).rule("status", RateLimitInterceptor.Caller.QUEUE_TOKEN, limits.status(),
				false);
	}

	/**
	 * The same limits for the queue's WebSocket status channels, which ask themselves.
	 */
	@Bean
	StreamCaps streamCaps(OpenStreams open, LimitsProperties limits, RateLimitInterceptor.Rule statusLimits,
			StreamRules streams, BucketStore store, MeterRegistry meters) {
		return new ChannelCaps(open, new ClientAddresses(limits.exemptLoopback()), new RateLimiter(store, meters),
				statusLimits, streams.heartbeat().toSeconds());
	}

	@Bean
	@ConditionalOnWebApplication
	RateLimitInterceptor rateLimitInterceptor(LimitsProperties limits, StreamRules streams, StreamHolders holders,
			OpenStreams open, RateLimitInterceptor.Rule statusLimits, BucketStore store, MeterRegistry meters,
			ObjectMapper json) {
		Limits made = new Limits(limits, meters);
		RateLimitInterceptor.Rule status = statusLimits;
		RateLimitInterceptor.Rule stream = new RateLimitInterceptor.Rule(status.caller(), status.perUser(),
				status.perAddress(), true);
		// One bucket for both ways of holding: picking seats by hand or having them
		// picked.
		RateLimitInterceptor.Rule hold = made.rule("hold", RateLimitInterceptor.Caller.QUEUE_TOKEN, limits.hold(),
				false);
		return new RateLimitInterceptor(Map.of(STATUS, status, STREAM, stream),
				Map.of(BROWSE, made.rule("browse", RateLimitInterceptor.Caller.QUEUE_TOKEN, limits.browse(), false)),
				Map.of(ISSUE, made.rule("issue", RateLimitInterceptor.Caller.USER, limits.issue(), false), HOLD, hold,
						BEST_AVAILABLE, hold, CHARGE,
						made.rule("charge", RateLimitInterceptor.Caller.USER, limits.charge(), false)),
				new RateLimiter(store, meters), new ClientAddresses(limits.exemptLoopback()), open, holders,
				streams.heartbeat().toSeconds(), json);
	}

	@Bean
	SocketPeers socketPeers() {
		return new SocketPeers();
	}

	/**
	 * The limits of signing in, in front of the security filters that check passwords;
	 * for the embedded authorisation server's endpoints, which are no controllers.
	 */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	FilterRegistrationBean<SignInLimitFilter> signInLimits(LimitsProperties limits, BucketStore store,
			MeterRegistry meters, ObjectMapper json) {
		Limits made = new Limits(limits, meters);
		LimitsProperties.SignIn rates = limits.signIn();
		SignInLimitFilter filter = new SignInLimitFilter(
				made.limit("sign-in", "account-address", rates.perAccountAndAddress(), true),
				made.limit("sign-in", "address", rates.perAddress(), false),
				made.limit("sign-in", "account", rates.perAccount(), true), new RateLimiter(store, meters),
				new ClientAddresses(limits.exemptLoopback()), json);
		FilterRegistrationBean<SignInLimitFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns(SignInLimitFilter.LOGIN, SignInLimitFilter.TOKEN);
		registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
		return registration;
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

		Limit limit(String endpoint, String scope, Rate rate, boolean secretKeys) {
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
