package dev.ticketing.queue;

import dev.ticketing.common.Admission;
import dev.ticketing.common.QueuePass;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves an {@link Admission} parameter from the bearer token, refusing the request
 * unless the token is ACTIVE; and a {@link QueuePass} parameter, refusing only a missing
 * or invalid token.
 */
class AdmissionResolver implements HandlerMethodArgumentResolver {

	private final QueueService queue;

	AdmissionResolver(QueueService queue) {
		this.queue = queue;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Admission.class || parameter.getParameterType() == QueuePass.class;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest request, WebDataBinderFactory binderFactory) {
		String token = BearerToken.from(request.getHeader(HttpHeaders.AUTHORIZATION));
		if (parameter.getParameterType() == QueuePass.class) {
			QueuePass pass = this.queue.pass(token);
			request.setAttribute(BookingHealth.CONCERT, pass.bearer().concertId(), RequestAttributes.SCOPE_REQUEST);
			return pass;
		}
		Admission admission = this.queue.admit(token);
		request.setAttribute(BookingHealth.CONCERT, admission.concertId(), RequestAttributes.SCOPE_REQUEST);
		return admission;
	}

}
