package dev.ticketing.identity;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The service's security rules for controller slices, in {@code oidc} mode: a slice test
 * signs a request in with Spring Security's {@code jwt()} request post-processor; a
 * bearer JWT that reaches the decoder is refused.
 */
@TestConfiguration(proxyBeanMethods = false)
// The pages' policy is part of the rules: SecurityConfiguration asks for it.
@Import({ SecurityConfiguration.class, ContentSecurityPolicy.class })
public class SignInTestConfiguration {

	/** Signs a request in as {@code user}, with {@code roles}. */
	public static RequestPostProcessor signedInAs(Object user, String... roles) {
		return SecurityMockMvcRequestPostProcessors.jwt()
			.jwt((token) -> token.subject(user.toString()).claim("roles", List.of(roles)))
			.authorities(Arrays.stream(roles)
				.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
				.toList());
	}

	@Bean
	JwtDecoder refusingJwtDecoder() {
		return (token) -> {
			throw new BadJwtException("Controller slices sign in with jwt(), not with a token");
		};
	}

}
