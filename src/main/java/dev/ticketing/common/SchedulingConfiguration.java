package dev.ticketing.common;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Background tidying (queue refill, hold sweep) runs in the service, not in one-shot
 * commands such as {@code seed}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "concert.command", havingValue = "serve", matchIfMissing = true)
class SchedulingConfiguration {

}
