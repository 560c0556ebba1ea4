package dev.ticketing.queue;

import dev.ticketing.common.Admission;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves an {@link Admission} parameter from the bearer token, refusing the request
 * unless the token is ACTIVE.
 */
class AdmissionResolver implements HandlerMethodArgumentResolver {

	private final QueueService queue;

	AdmissionResolver(QueueService queue) {
		this.queue = queue;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Admission.class;
	}

	@Override
	public Admission resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		return this.queue.admit(BearerToken.from(request.getHeader(HttpHeaders.AUTHORIZATION)));
	}

}
