package dev.ticketing.common;

import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A number (or boolean) in a JSON body is a JSON number: {@code {"amount":"100"}} is
 * refused, not read as 100. One spelling per value, as ids in paths have
 * ({@link Ids#number}).
 */
@Configuration(proxyBeanMethods = false)
class JsonNumbersConfiguration {

	@Bean
	JsonMapperBuilderCustomizer numbersAsJsonNumbersOnly() {
		return (builder) -> {
			for (LogicalType type : new LogicalType[] { LogicalType.Integer, LogicalType.Float, LogicalType.Boolean }) {
				builder.withCoercionConfig(type, (c) -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail));
			}
		};
	}

}
