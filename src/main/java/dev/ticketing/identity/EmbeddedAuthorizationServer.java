package dev.ticketing.identity;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Embedded mode's own authorisation server, so that signing in needs nothing outside the
 * process. Its tokens are what any OIDC provider would issue: {@code sub} the user id,
 * {@code roles}, the service as audience, signed with a key made at start-up. Each demo
 * account signs in through the login page (the authorisation-code flow of the web app),
 * and is also a client of its own, so that curl can get its token with the
 * client-credentials grant. Off in prod, where a real provider signs users in; turned on
 * there (a private try-out), it does not start without a long password of the operator's
 * ({@link SecurityProperties.Embedded}). Attempts to sign in are rate limited in front of
 * it, by the limits module.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "concert.security.embedded.enabled", havingValue = "true")
class EmbeddedAuthorizationServer {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedAuthorizationServer.class);

	/** The public client of the fans' web app (authorisation code with PKCE). */
	static final String WEB_CLIENT = "concert-web";

	private final SecurityProperties.Embedded settings;

	private final KeyPair signingKey = rsaKeyPair();

	EmbeddedAuthorizationServer(SecurityProperties properties) {
		this.settings = properties.embedded();
	}

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurity(HttpSecurity http) {
		OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, (endpoints) -> endpoints.oidc(Customizer.withDefaults()))
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	/**
	 * The sign-in page ({@link SignInPage}) and the form login behind it. The limits of
	 * signing in stand in front of it, as of the token endpoint (the limits module).
	 */
	@Bean
	@Order(2)
	SecurityFilterChain loginPageSecurity(HttpSecurity http, ContentSecurityPolicy policy) {
		http.securityMatcher("/login", "/logout")
			.with(policy.forPages())
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.formLogin((form) -> form.loginPage("/login").permitAll());
		return http.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService demoUsers(PasswordEncoder passwords) {
		String password = passwords.encode(this.settings.demoPassword());
		return new InMemoryUserDetailsManager(DemoAccounts.all()
			.stream()
			.map((account) -> User.withUsername(account.username())
				.password(password)
				.roles(account.roles().toArray(String[]::new))
				.build())
			.toList());
	}

	@Bean
	RegisteredClientRepository clients(PasswordEncoder passwords) {
		TokenSettings tokens = TokenSettings.builder().accessTokenTimeToLive(this.settings.tokenTtl()).build();
		List<RegisteredClient> clients = new ArrayList<>();
		for (DemoAccounts.Account account : DemoAccounts.all()) {
			clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(account.username())
				.clientSecret(passwords.encode(this.settings.demoPassword()))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenSettings(tokens)
				.build());
		}
		clients.add(RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(WEB_CLIENT)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(this.settings.issuer() + "/login/oauth2/code/concert")
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokens)
			.build());
		return new InMemoryRegisteredClientRepository(clients);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().issuer(this.settings.issuer()).build();
	}

	@Bean
	JWKSource<SecurityContext> signingKeys() {
		RSAKey key = new RSAKey.Builder((RSAPublicKey) this.signingKey.getPublic())
			.privateKey((RSAPrivateKey) this.signingKey.getPrivate())
			.keyID(UUID.randomUUID().toString())
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	/**
	 * A demo account's tokens name its user id and roles, and the service as their
	 * audience, whichever way it signed in.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> demoAccountClaims(OAuth2ResourceServerProperties resourceServer) {
		List<String> audiences = resourceServer.getJwt().getAudiences();
		return (context) -> {
			boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
			boolean id = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
			if (!access && !id) {
				return;
			}
			DemoAccounts.named(context.getPrincipal().getName()).ifPresent((account) -> {
				context.getClaims().subject(account.userId().toString());
				context.getClaims().claim("roles", List.copyOf(account.roles()));
				context.getClaims().claim("email", account.email());
				if (id) {
					// The web app says whom it signed in by this, as with any provider.
					context.getClaims().claim("preferred_username", account.username());
				}
			});
			if (access && !audiences.isEmpty()) {
				context.getClaims().audience(audiences);
			}
		};
	}

	/**
	 * Checks tokens against the key this process signs with, in memory: the resource
	 * server of the same process needs no call to its own JWK set.
	 */
	@Bean
	JwtDecoder embeddedJwtDecoder(OAuth2ResourceServerProperties resourceServer) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) this.signingKey.getPublic()).build();
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(JwtValidators.createDefaultWithIssuer(this.settings.issuer()));
		List<String> audiences = resourceServer.getJwt().getAudiences();
		if (!audiences.isEmpty()) {
			validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
					(aud) -> aud != null && aud.stream().anyMatch(audiences::contains)));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> printDemoAccounts() {
		return (ready) -> log
			.info("Embedded sign-in at {}: demo accounts {} (password: concert.security.embedded.demo-password). "
					+ "A fan's access token: curl -u alice:<password> -d grant_type=client_credentials {}/oauth2/token",
					this.settings.issuer(),
					DemoAccounts.all()
						.stream()
						.map((account) -> account.username()
								+ (account.roles().isEmpty() ? " (fan)" : " " + account.roles()) + " = "
								+ account.userId())
						.toList(),
					this.settings.issuer());
	}

	private static KeyPair rsaKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is part of every Java runtime", ex);
		}
	}

}
