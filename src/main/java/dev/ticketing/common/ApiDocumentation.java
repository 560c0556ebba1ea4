package dev.ticketing.common;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API document's shared parts. The arguments the service resolves itself from the
 * request ({@link Caller} from the access token, {@link Admission} and {@link QueuePass}
 * from the queue token) are credentials, described as security schemes, not parameters.
 * <p>
 * The refusals: every API operation answers its documented failures, and any other (a
 * malformed request, a rate limit, a store that is down), with the RFC 9457 document
 * {@link ProblemException} writes, described once as the schema {@code Problem}. An
 * endpoint names its notable failures with a bare {@code @ApiResponse} (status and
 * description); their content is filled in here, unless the endpoint gave a problem
 * document with members of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiDocumentation {

	static {
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, Admission.class, QueuePass.class);
	}

	static final String PROBLEM = "Problem";

	@Bean
	OpenApiCustomizer problemResponses() {
		return (api) -> {
			ModelConverters.getInstance().read(Problem.class).forEach(api.getComponents()::addSchemas);
			if (api.getPaths() == null) {
				return;
			}
			api.getPaths().forEach((path, item) -> {
				if (!path.startsWith("/api/")) {
					return;
				}
				item.readOperations().forEach((operation) -> {
					ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses()
							: new ApiResponses();
					responses.forEach((status, response) -> {
						if ((status.startsWith("4") || status.startsWith("5")) && !describesItsProblem(response)) {
							response.setContent(problemContent());
						}
					});
					responses.addApiResponse("default", new ApiResponse()
						.description("Any other refusal: malformed input (400), a rate limit (429, Retry-After), "
								+ "a store that is down (503, Retry-After)")
						.content(problemContent()));
					operation.setResponses(responses);
				});
			});
		};
	}

	/**
	 * Whether the endpoint named its own problem schema for this refusal (one with
	 * members of its own, such as where and when a ticket was used), which is then kept.
	 */
	private static boolean describesItsProblem(ApiResponse response) {
		return response.getContent() != null
				&& response.getContent().get(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE) != null;
	}

	private static Content problemContent() {
		return new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
				new MediaType()
					.schema(new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/" + PROBLEM)));
	}

	/** What every refusal sends; {@code type} is left out, meaning about:blank. */
	@Schema(name = PROBLEM, description = "An RFC 9457 problem document; type is left out (about:blank)")
	record Problem(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Seat unavailable") String title,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "409") int status,
			@Schema(example = "Seat 42 is held or sold") String detail,
			@Schema(example = "/api/v1/reservations/seats/42") String instance,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Stable, machine-readable reason",
					example = "SEAT_UNAVAILABLE") String code) {
	}

}
