package dev.ticketing.idempotency;

import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Lets a controller take an {@code Optional<IdempotencyKey>} parameter, read from the
 * {@code Idempotency-Key} header: empty without the header; 400
 * {@code INVALID_IDEMPOTENCY_KEY} for a value that is no key, or for the header sent more
 * than once.
 */
@Component
class IdempotencyKeyArguments implements WebMvcConfigurer {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(IdempotencyKey.class);
	}

	/** The API document names the header where a call takes a key. */
	@Bean
	static OperationCustomizer idempotencyKeyHeader() {
		return (operation, handler) -> {
			boolean takesKey = Arrays.stream(handler.getMethodParameters())
				.anyMatch((parameter) -> new KeyResolver().supportsParameter(parameter));
			if (takesKey) {
				operation.addParametersItem(new HeaderParameter().name(IdempotencyKey.HEADER)
					.required(false)
					.description("Repeats of the call with the same key by the same user get its first answer")
					.schema(new StringSchema().maxLength(IdempotencyKey.MAX_LENGTH)));
			}
			return operation;
		};
	}

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(new KeyResolver());
	}

	static final class KeyResolver implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.getParameterType() == Optional.class
					&& parameter.nestedIfOptional().getNestedParameterType() == IdempotencyKey.class;
		}

		@Override
		public Optional<IdempotencyKey> resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
				NativeWebRequest request, WebDataBinderFactory binders) {
			HttpServletRequest http = request.getNativeRequest(HttpServletRequest.class);
			Enumeration<String> values = http.getHeaders(IdempotencyKey.HEADER);
			if (values == null || !values.hasMoreElements()) {
				return Optional.empty();
			}
			String value = values.nextElement();
			if (values.hasMoreElements()) {
				throw IdempotencyKey.invalid();
			}
			return Optional.of(new IdempotencyKey(value));
		}

	}

}
