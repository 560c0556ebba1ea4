package dev.ticketing.identity;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API document says which credential each call takes, from the same rules the
 * security filters apply: an access token for the calls that act for a user, a queue
 * token for booking calls, nothing for the catalogue.
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
				.addSecuritySchemes(ACCESS_TOKEN,
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.bearerFormat("JWT")
							.description("An OAuth2/OIDC access token: sub is the user id, roles may hold ORGANISER"))
				.addSecuritySchemes(QUEUE_TOKEN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.description("The tokenId of a queue token for the concert; booking calls need it ACTIVE")));
	}

	@Bean
	OpenApiCustomizer credentialsPerCall() {
		return (api) -> {
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				String scheme = scheme(path, method);
				if (scheme != null) {
					operation.setSecurity(List.of(new SecurityRequirement().addList(scheme)));
				}
			}));
		};
	}

	/**
	 * Mirrors {@link SecurityConfiguration#SIGNED_IN_CALLS} and the queue token's calls.
	 */
	private static String scheme(String path, PathItem.HttpMethod method) {
		boolean issue = path.matches("/api/v1/queue/concerts/[^/]+/users/[^/]+") && method == PathItem.HttpMethod.POST;
		if (issue || path.startsWith("/api/v1/users/") || path.startsWith("/api/v1/organiser/")) {
			return ACCESS_TOKEN;
		}
		if (path.startsWith("/api/v1/queue/") || path.startsWith("/api/v1/reservations")
				|| path.startsWith("/api/v1/payments") || path.matches("/api/v1/concerts/[^/]+/dates.*")) {
			return QUEUE_TOKEN;
		}
		return null;
	}

}
