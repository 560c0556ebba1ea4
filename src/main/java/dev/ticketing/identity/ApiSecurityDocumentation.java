package dev.ticketing.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import dev.ticketing.common.Admission;
import dev.ticketing.common.QueuePass;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The API document says which credential each call takes, from the rules the service
 * applies rather than a copy of them: an access token for the calls the security filters
 * guard ({@link SecurityConfiguration#SIGNED_IN}), a queue token for the calls whose
 * handler takes one (an {@link Admission}, a {@link QueuePass}, or the bearer header
 * itself), nothing for the rest.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiSecurityDocumentation {

	static final String ACCESS_TOKEN = "accessToken";

	static final String QUEUE_TOKEN = "queueToken";

	@Bean
	OpenAPI concertBookingApi() {
		return new OpenAPI()
			.info(new Info().title("Concert booking")
				.version("v1")
				.description("Sells a concert's seats to a flash crowd: a fair waiting queue, seat holds and "
						+ "payment from a points wallet. Errors are RFC 9457 problem documents with a stable code."))
			.components(new Components()
				.addSecuritySchemes(ACCESS_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("An OAuth2/OIDC access token: sub is the user id, roles may hold ORGANISER or GATE"))
				.addSecuritySchemes(QUEUE_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("The tokenId of a queue token for the concert; booking calls need it ACTIVE")));
	}

	/**
	 * A queue token where the handler takes one, and the refusals that come with it: an
	 * {@link Admission} is refused unless the token is ACTIVE for the concert, a
	 * {@link QueuePass} unless it is genuine (an endpoint's own description of a status
	 * stands). The bearer header a handler reads itself is the queue token scheme, not a
	 * parameter of its own (OpenAPI ignores parameters named Authorization).
	 */
	@Bean
	OperationCustomizer queueTokenCalls() {
		return (operation, handler) -> {
			List<Class<?>> types = Arrays.stream(handler.getMethodParameters())
				.filter(ApiSecurityDocumentation::isQueueToken)
				.<Class<?>>map(MethodParameter::getParameterType)
				.toList();
			if (!types.isEmpty()) {
				operation.setSecurity(List.of(new SecurityRequirement().addList(QUEUE_TOKEN)));
			}
			if (types.contains(Admission.class)) {
				refusal(operation, "401", "INVALID_TOKEN: no valid queue token for the concert");
				refusal(operation, "403", "QUEUE_WAITING: the token is still waiting; TOKEN_CONCERT_MISMATCH");
			}
			else if (types.contains(QueuePass.class)) {
				refusal(operation, "401", "INVALID_TOKEN: no valid queue token");
			}
			if (operation.getParameters() != null) {
				operation.getParameters()
					.removeIf((p) -> "header".equals(p.getIn())
							&& HttpHeaders.AUTHORIZATION.equalsIgnoreCase(p.getName()));
			}
			return operation;
		};
	}

	private static void refusal(Operation operation, String status, String description) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		responses.putIfAbsent(status, new ApiResponse().description(description));
		// In the order of their statuses, as the endpoint's own are.
		ApiResponses ordered = new ApiResponses();
		responses.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> ordered.addApiResponse(entry.getKey(), entry.getValue()));
		operation.setResponses(ordered);
	}

	private static boolean isQueueToken(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
		return type == Admission.class || type == QueuePass.class
				|| (header != null && (HttpHeaders.AUTHORIZATION.equalsIgnoreCase(header.name())
						|| HttpHeaders.AUTHORIZATION.equalsIgnoreCase(header.value())));
	}

	/** An access token where the security filters ask for one. */
	@Bean
	OpenApiCustomizer accessTokenCalls() {
		return (api) -> {
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				if (SecurityConfiguration.SIGNED_IN.stream().anyMatch((call) -> call.describes(method.name(), path))) {
					operation.setSecurity(List.of(new SecurityRequirement().addList(ACCESS_TOKEN)));
				}
			}));
		};
	}

}
