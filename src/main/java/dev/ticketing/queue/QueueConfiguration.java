package dev.ticketing.queue;

import java.util.List;

import dev.ticketing.common.ProblemException;
import dev.ticketing.common.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration(proxyBeanMethods = false)
// The key prefix is every module's (common); enabled here too so that a slice with the
// queue alone has it.
@EnableConfigurationProperties({ QueueProperties.class, RedisKeys.class })
class QueueConfiguration {

	/**
	 * For the limits in front of this module's controller, which count its open streams;
	 * unconditional, so every web context the limits guard has the rules.
	 */
	@Bean
	StreamRules streamRules(QueueProperties properties) {
		return new StreamRules(properties.maxStreamsPerToken(), properties.maxStreamsPerUser(),
				properties.maxStreamsPerAddress(), properties.maxStreamsPerInstance(), properties.streamHeartbeat());
	}

	/** For the same guard: whose the stream a token opens is. */
	@Bean
	StreamHolders streamHolders(ObjectProvider<QueueService> queue) {
		return (concert, token) -> {
			QueueService service = queue.getIfAvailable();
			try {
				return (service != null) ? service.verifyFor(concert, token).userId() : null;
			}
			catch (ProblemException ex) {
				return null;
			}
		};
	}

	/**
	 * The keys of queue tokens, checked at start-up: a secret that is missing where
	 * instances share the store, or weak, stops the service here rather than at the first
	 * token.
	 */
	@Bean
	QueueTokenKeys queueTokenKeys(QueueProperties properties, Environment environment) {
		// seed and audit run with the service's settings but issue no token.
		boolean servesRequests = "serve".equals(environment.getProperty("concert.command", "serve"));
		// Instances share a Redis unless this one started its own.
		boolean shared = !environment.getProperty("concert.redis.embedded", Boolean.class, false);
		return QueueTokenKeys.forStartup(properties, servesRequests, shared);
	}

	/**
	 * What the adaptive limit steers by; measured only with adaptive admission, so the
	 * fixed one costs the booking path nothing.
	 */
	@Bean
	@ConditionalOnProperty(name = "concert.queue.admission", havingValue = "adaptive")
	BookingHealth bookingHealth(MeterRegistry meters) {
		return new BookingHealth(meters);
	}

	@Bean
	WebMvcConfigurer admissionArguments(@Lazy QueueService queue, ObjectProvider<BookingHealth> health) {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new AdmissionResolver(queue));
			}

			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				health.ifAvailable((measured) -> registry.addInterceptor(measured).addPathPatterns("/api/**"));
			}
		};
	}

}
